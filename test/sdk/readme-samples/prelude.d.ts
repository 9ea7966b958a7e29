// The app around the README's samples: names a sample uses without defining them.
declare const session: { token: string };
declare const complaintId: string;
/** A file the user picked (an <input type=file>). */
declare const photo: File;
declare function render(view: unknown): void;
declare function showErrors(errors: ReadonlyArray<{ code: string; message: string; field: string | null }>): void;
declare function showSignIn(): void;
declare function showTrackingCode(trackingCode: string): void;
declare function showThanks(): void;
declare function reload(): void;
