//! Evidence files: which types are accepted (decided from the bytes, never the name), what a file
//! name may be, and removing location metadata from photos before they are stored.

use chrono::NaiveDateTime;

use super::ids::{AttachmentId, PetitionId, UserId};

crate::text_enum! {
    pub enum MediaType {
        Jpeg => "image/jpeg",
        Png => "image/png",
        Webp => "image/webp",
        Heif => "image/heif",
        Pdf => "application/pdf",
        Mp4 => "video/mp4",
    }
}

impl MediaType {
    /// The type the bytes show, if it is one pakn accepts.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        infer::get(bytes).and_then(|kind| kind.mime_type().parse().ok())
    }

    /// File name endings that honestly describe this type.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            MediaType::Jpeg => &["jpg", "jpeg", "jfif"],
            MediaType::Png => &["png"],
            MediaType::Webp => &["webp"],
            MediaType::Heif => &["heic", "heif"],
            MediaType::Pdf => &["pdf"],
            MediaType::Mp4 => &["mp4", "m4v"],
        }
    }
}

crate::text_enum! {
    /// Why a file is on a petition.
    pub enum AttachmentPurpose {
        /// What the petitioner or the agency shows of the matter.
        Evidence => "evidence",
        /// The agency's proof that what feedback or a proposal asked for was done (photos,
        /// documents), for the petitioner to see before confirming it or saying "not fixed".
        ProofOfCompletion => "proof_of_completion",
    }
}

/// An evidence file attached to a petition; its bytes are in the file store, by content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: AttachmentId,
    pub petition_id: PetitionId,
    pub content_hash: String,
    pub media_type: MediaType,
    pub byte_size: i64,
    pub file_name: String,
    pub uploaded_by: Option<UserId>,
    /// Whether the uploader chose to keep a photo's location.
    pub location_shared: bool,
    pub purpose: AttachmentPurpose,
    pub created_at: NaiveDateTime,
}

/// A file name as given by the uploader: kept for display and download, never as a path.
pub fn check_file_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    let bad = name.is_empty()
        || name.chars().count() > 200
        || name.contains(['/', '\\'])
        || name.contains("..")
        || name.starts_with('.')
        || super::text::has_forbidden_characters(name, false);
    if bad {
        Err("must be a plain file name (no folders, no '..', no control or invisible characters, at most 200 characters)"
            .into())
    } else {
        Ok(name.to_string())
    }
}

/// The name's ending must describe the content: a PNG called "report.pdf" is refused.
pub fn name_matches(name: &str, media_type: MediaType) -> bool {
    name.rsplit_once('.').is_some_and(|(_, ext)| media_type.extensions().contains(&ext.to_ascii_lowercase().as_str()))
}

/// Pictures larger than this are refused: a small file can claim a huge canvas and exhaust
/// the memory of whoever decodes it (a decompression bomb).
pub const MAX_PIXELS: u64 = 100_000_000;

/// Width and height as the header declares them (PNG and JPEG).
pub fn declared_dimensions(media_type: MediaType, bytes: &[u8]) -> Option<(u32, u32)> {
    match media_type {
        MediaType::Png if bytes.len() >= 24 => Some((be32(&bytes[16..20]), be32(&bytes[20..24]))),
        MediaType::Jpeg => jpeg_segments(bytes).ok()?.into_iter().find_map(|(marker, segment)| {
            let is_frame = matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF);
            (is_frame && segment.len() >= 9).then(|| (u32::from(be16(&segment[7..9])), u32::from(be16(&segment[5..7]))))
        }),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MetadataError {
    #[error("the file is damaged: {0}")]
    Malformed(&'static str),
    #[error(
        "{0} files can keep a location that pakn cannot remove; attach it only if you share its location, or convert it to JPEG"
    )]
    CannotStrip(&'static str),
}

/// The file without its location metadata (EXIF, XMP), for the types where pakn can remove it.
/// PDF is kept as it is; HEIF and videos carrying a location are refused.
pub fn strip_location(media_type: MediaType, bytes: &[u8]) -> Result<Vec<u8>, MetadataError> {
    match media_type {
        MediaType::Jpeg => strip_jpeg(bytes),
        MediaType::Png => strip_png(bytes),
        MediaType::Webp => strip_webp(bytes),
        MediaType::Pdf => Ok(bytes.to_vec()),
        MediaType::Heif => Err(MetadataError::CannotStrip("HEIC/HEIF")),
        MediaType::Mp4 => {
            // ISO 6709 location atom (©xyz) as phones write it.
            if bytes.windows(4).any(|w| w == [0xA9, b'x', b'y', b'z']) {
                Err(MetadataError::CannotStrip("This video"))
            } else {
                Ok(bytes.to_vec())
            }
        }
    }
}

fn be16(b: &[u8]) -> u16 {
    u16::from_be_bytes([b[0], b[1]])
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

/// JPEG segments up to the start of the image data: (marker, whole segment with its marker).
fn jpeg_segments(bytes: &[u8]) -> Result<Vec<(u8, &[u8])>, MetadataError> {
    if bytes.len() < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8 {
        return Err(MetadataError::Malformed("not a JPEG"));
    }
    let mut segments = Vec::new();
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return Err(MetadataError::Malformed("a JPEG segment is out of place"));
        }
        let marker = bytes[at + 1];
        if marker == 0xDA {
            segments.push((marker, &bytes[at..])); // start of scan: the rest is image data
            return Ok(segments);
        }
        let length = usize::from(be16(&bytes[at + 2..at + 4]));
        let end = at + 2 + length;
        if length < 2 || end > bytes.len() {
            return Err(MetadataError::Malformed("a JPEG segment runs past the end"));
        }
        segments.push((marker, &bytes[at..end]));
        at = end;
    }
    Err(MetadataError::Malformed("the JPEG has no image data"))
}

/// Drops every APP1 segment (EXIF and XMP, where GPS coordinates live).
fn strip_jpeg(bytes: &[u8]) -> Result<Vec<u8>, MetadataError> {
    let mut out = vec![0xFF, 0xD8];
    for (marker, segment) in jpeg_segments(bytes)? {
        if marker != 0xE1 {
            out.extend_from_slice(segment);
        }
    }
    Ok(out)
}

/// Drops eXIf chunks and XMP/EXIF text chunks.
fn strip_png(bytes: &[u8]) -> Result<Vec<u8>, MetadataError> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !bytes.starts_with(SIGNATURE) {
        return Err(MetadataError::Malformed("not a PNG"));
    }
    let mut out = SIGNATURE.to_vec();
    let mut at = SIGNATURE.len();
    while at + 12 <= bytes.len() {
        let length = be32(&bytes[at..at + 4]) as usize;
        let end = at
            .checked_add(12 + length)
            .filter(|end| *end <= bytes.len())
            .ok_or(MetadataError::Malformed("a PNG chunk runs past the end"))?;
        let kind = &bytes[at + 4..at + 8];
        let data = &bytes[at + 8..at + 8 + length];
        let metadata = kind == b"eXIf"
            || (matches!(kind, b"iTXt" | b"tEXt" | b"zTXt")
                && (data.starts_with(b"XML:com.adobe.xmp\0") || data.starts_with(b"Raw profile type exif\0")));
        if !metadata {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
        if kind == b"IEND" {
            return Ok(out);
        }
    }
    Err(MetadataError::Malformed("the PNG has no end"))
}

/// Drops the EXIF and XMP chunks and clears their flags in the extended header.
fn strip_webp(bytes: &[u8]) -> Result<Vec<u8>, MetadataError> {
    if bytes.len() < 12 || &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"WEBP" {
        return Err(MetadataError::Malformed("not a WebP"));
    }
    let mut body = b"WEBP".to_vec();
    let mut at = 12;
    while at + 8 <= bytes.len() {
        let kind = &bytes[at..at + 4];
        let length = u32::from_le_bytes([bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]]) as usize;
        let padded = length + (length & 1);
        let end = (at + 8 + padded).min(bytes.len());
        if at + 8 + length > bytes.len() {
            return Err(MetadataError::Malformed("a WebP chunk runs past the end"));
        }
        if kind != b"EXIF" && kind != b"XMP " {
            let start = body.len();
            body.extend_from_slice(&bytes[at..end]);
            if kind == b"VP8X" && length >= 1 {
                body[start + 8] &= !0x0C; // the EXIF (0x08) and XMP (0x04) flags
            }
        }
        at = end;
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

#[cfg(test)]
pub mod samples {
    //! Tiny but well-formed files for tests.

    /// A 1×1 JPEG with an EXIF segment holding a GPS tag marker.
    pub fn jpeg_with_exif() -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8];
        let exif = b"Exif\0\0MM\0*GPSLatitude 16.4637";
        bytes.extend_from_slice(&[0xFF, 0xE1]);
        bytes.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
        bytes.extend_from_slice(exif);
        // A baseline frame header: precision 8, height 1, width 1, one component.
        bytes.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00]);
        bytes.extend_from_slice(&[
            0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0xD2, 0xCF, 0x20, 0xFF, 0xD9,
        ]);
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32, extra_chunk: Option<(&[u8; 4], &[u8])>) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut chunk = |kind: &[u8], data: &[u8]| {
            bytes.extend_from_slice(&(data.len() as u32).to_be_bytes());
            bytes.extend_from_slice(kind);
            bytes.extend_from_slice(data);
            bytes.extend_from_slice(&[0, 0, 0, 0]); // CRC, not checked here
        };
        let mut header = width.to_be_bytes().to_vec();
        header.extend_from_slice(&height.to_be_bytes());
        header.extend_from_slice(&[8, 2, 0, 0, 0]);
        chunk(b"IHDR", &header);
        if let Some((kind, data)) = extra_chunk {
            chunk(kind, data);
        }
        chunk(b"IDAT", &[0x78, 0x9C, 0x63, 0x00, 0x00]);
        chunk(b"IEND", &[]);
        bytes
    }

    #[test]
    fn the_type_comes_from_the_bytes() {
        assert_eq!(MediaType::sniff(&samples::jpeg_with_exif()), Some(MediaType::Jpeg));
        assert_eq!(MediaType::sniff(&png(1, 1, None)), Some(MediaType::Png));
        assert_eq!(MediaType::sniff(b"%PDF-1.7\n"), Some(MediaType::Pdf));
        assert_eq!(MediaType::sniff(b"PK\x03\x04zip bomb"), None, "archives are not evidence");
        assert_eq!(MediaType::sniff(b"#!/bin/sh\nrm -rf /"), None);
    }

    #[test]
    fn a_png_named_like_a_pdf_does_not_match() {
        assert!(name_matches("ảnh hiện trường.PNG", MediaType::Png));
        assert!(!name_matches("report.pdf", MediaType::Png));
        assert!(!name_matches("no-extension", MediaType::Png));
    }

    #[test]
    fn file_names_with_paths_are_refused() {
        for bad in ["../../etc/passwd", "a/b.jpg", "C:\\\\x.jpg", ".htaccess", "", "x\u{0}.jpg"] {
            assert!(check_file_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(check_file_name(" bản đồ thửa đất.pdf ").unwrap(), "bản đồ thửa đất.pdf");
        assert!(check_file_name("photo\u{202e}gnp.png").is_err(), "a disguised ending");
    }

    #[test]
    fn exif_is_removed_from_a_jpeg_and_the_picture_kept() {
        let original = samples::jpeg_with_exif();
        let stripped = strip_location(MediaType::Jpeg, &original).unwrap();
        assert!(!stripped.windows(3).any(|w| w == b"GPS"));
        assert!(stripped.len() < original.len());
        assert_eq!(declared_dimensions(MediaType::Jpeg, &stripped), Some((1, 1)));
        assert!(stripped.ends_with(&[0xFF, 0xD9]));
    }

    #[test]
    fn exif_and_xmp_chunks_are_removed_from_a_png() {
        let with_exif = png(2, 3, Some((b"eXIf", b"MM\0*GPS")));
        let stripped = strip_location(MediaType::Png, &with_exif).unwrap();
        assert_eq!(stripped, png(2, 3, None));
        let with_xmp = png(2, 3, Some((b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<exif:GPSLatitude>")));
        assert_eq!(strip_location(MediaType::Png, &with_xmp).unwrap(), png(2, 3, None));
    }

    #[test]
    fn a_huge_declared_canvas_is_seen() {
        let (w, h) = declared_dimensions(MediaType::Png, &png(50_000, 50_000, None)).unwrap();
        assert!(u64::from(w) * u64::from(h) > MAX_PIXELS);
    }

    #[test]
    fn a_damaged_file_is_reported_not_trusted() {
        let mut truncated = samples::jpeg_with_exif();
        truncated.truncate(10);
        assert!(matches!(strip_location(MediaType::Jpeg, &truncated), Err(MetadataError::Malformed(_))));
        assert!(strip_location(MediaType::Png, b"\x89PNG\r\n\x1a\n\0\0\xff\xffIHDR").is_err());
    }

    #[test]
    fn heif_and_videos_with_a_location_cannot_be_stripped() {
        assert!(matches!(strip_location(MediaType::Heif, b"...."), Err(MetadataError::CannotStrip(_))));
        assert!(strip_location(MediaType::Mp4, b"\0\0\0\x18ftypmp42 udta \xa9xyz+16.46+107.59/").is_err());
        assert!(strip_location(MediaType::Mp4, b"\0\0\0\x18ftypmp42 moov").is_ok());
    }
}
