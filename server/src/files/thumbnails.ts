import sharp from 'sharp';

/** Thumbnails fit in a square of this many pixels, as WebP (it keeps transparency). */
export const THUMBNAIL_SIZE = 320;
export const THUMBNAIL_TYPE = 'image/webp';

/**
 * A small thumbnail of the image at `path`, made once when the image is staged, so that neither
 * attaching nor listing files ever decodes one. Turned upright from its EXIF orientation and
 * without its metadata (no camera or location data). Null when the image cannot be drawn here
 * (HEIC, whose codec sharp's build leaves out; a damaged file) or has more than `maxPixels`
 * pixels: the file is kept, shown without a thumbnail.
 */
export async function makeThumbnail(path: string, maxPixels: number): Promise<Buffer | null> {
  try {
    return await sharp(path, { limitInputPixels: maxPixels, animated: false })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 70 })
      .toBuffer();
  } catch {
    return null;
  }
}
