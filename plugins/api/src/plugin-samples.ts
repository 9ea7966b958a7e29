import type { ComplaintView, RepeatCandidate } from './complaint-plugin';

/**
 * Sample inputs a plugin declares for the contract suite: complaints under which each of its
 * findings applies (gives a result rather than null) and each of its rules has something to
 * decide. The suite fills in what a sample leaves out and fails when a finding never applies.
 */
export interface PluginSamples {
  /** The instant the samples are judged at (ISO), in the tenant's time zone `timeZone`. */
  now: string;
  timeZone: string;
  views: SampleView[];
  /** Earlier complaints for the `repeats` rule; at least one sample view must repeat one of them. */
  repeatCandidates?: RepeatCandidate[];
  /** Months (YYYY-MM) for the `monthlyReport` rule. */
  months?: string[];
}

export interface SampleView extends Partial<ComplaintView> {
  /** What the sample shows, for the test's messages. */
  name: string;
  /**
   * Every period the sample's findings measure has ended (the request was made, the repair is
   * finished, the demand carried out): its findings must not change with the day they run.
   */
  settled?: boolean;
}
