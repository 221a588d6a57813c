//! A cheap walk over a DICOM file's element headers, before dicom-rs parses it, refusing any
//! element that declares more bytes than the file has left. dicom-rs allocates and zeroes a
//! value's declared length before reading it, so without this a 2 KB upload whose header
//! claims a 4 GB value costs 4 GB of memory and seconds of work (found by the property tests).
//!
//! The walk is conservative: it refuses only a length it has read with certainty, and stops
//! (leaving the verdict to dicom-rs) at anything it does not follow: deflated or big-endian
//! data sets and undefined-length values other than sequences and encapsulated pixel data. In implicit VR data sets a defined-length sequence is stepped over
//! whole (its length is checked, its contents are not), since telling it from other values
//! would need the data dictionary's guess.

/// Value representations whose explicit-VR header has a 2-byte length (PS3.5 7.1.2); every
/// other VR, and like dicom-rs any unknown pair of bytes (read as UN), has a 4-byte one.
const SHORT_VRS: [&[u8; 2]; 21] = [
    b"AE", b"AS", b"AT", b"CS", b"DA", b"DS", b"DT", b"FL", b"FD", b"IS", b"LO", b"LT", b"PN",
    b"SH", b"SL", b"SS", b"ST", b"TM", b"UI", b"UL", b"US",
];

const UNDEFINED: u32 = u32::MAX;
const IMPLICIT_VR_LITTLE_ENDIAN: &str = "1.2.840.10008.1.2";
const EXPLICIT_VR_BIG_ENDIAN: &str = "1.2.840.10008.1.2.2";
const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN: &str = "1.2.840.10008.1.2.1.99";

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// One element header: its tag, VR (explicit only), header size and declared value length.
struct Header {
    group: u16,
    element: u16,
    vr: Option<[u8; 2]>,
    size: usize,
    length: u32,
}

/// Reads the element header at `at` as dicom-rs does; `None` when too few bytes are left.
fn header(data: &[u8], at: usize, explicit: bool) -> Option<Header> {
    let group = u16_at(data, at)?;
    let element = u16_at(data, at + 2)?;
    // Items and delimiters have no VR, whatever the transfer syntax.
    if group == 0xFFFE || !explicit {
        return Some(Header {
            group,
            element,
            vr: None,
            size: 8,
            length: u32_at(data, at + 4)?,
        });
    }
    let vr: [u8; 2] = data.get(at + 4..at + 6)?.try_into().ok()?;
    let (size, length) = if SHORT_VRS.contains(&&vr) {
        (8, u32::from(u16_at(data, at + 6)?))
    } else {
        (12, u32_at(data, at + 8)?)
    };
    Some(Header {
        group,
        element,
        vr: Some(vr),
        size,
        length,
    })
}

/// Checks the element lengths of `data`, a Part 10 file from its `DICM` magic on.
///
/// # Errors
/// The reason, naming the element whose length does not fit.
pub(super) fn check(data: &[u8]) -> Result<(), String> {
    let mut at = 4;
    let mut transfer_syntax = String::new();
    // The file meta group is always explicit VR little endian (PS3.10 7.1).
    while let Some(h) = header(data, at, true).filter(|h| h.group == 0x0002) {
        let value = at + h.size;
        fits(data, &h, value)?;
        if h.element == 0x0010 {
            transfer_syntax = String::from_utf8_lossy(&data[value..value + h.length as usize])
                .trim_matches(|c: char| c == '\0' || c.is_whitespace())
                .to_string();
        }
        at = value + h.length as usize;
    }
    let explicit = match transfer_syntax.as_str() {
        IMPLICIT_VR_LITTLE_ENDIAN => false,
        EXPLICIT_VR_BIG_ENDIAN | DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN => return Ok(()),
        _ => true,
    };
    walk(data, at, explicit)
}

/// Walks the data set's headers flat: sequences and items are stepped into (their contents are
/// elements and items in turn), other values skipped, encapsulated pixel fragments skipped.
fn walk(data: &[u8], mut at: usize, explicit: bool) -> Result<(), String> {
    let mut in_fragments = false;
    while let Some(h) = header(data, at, explicit) {
        let value = at + h.size;
        match (h.group, h.element) {
            // Sequence and item delimiters: no value.
            (0xFFFE, 0xE0DD) => in_fragments = false,
            (0xFFFE, 0xE00D) => {}
            (0xFFFE, 0xE000) if in_fragments => {
                fits(data, &h, value)?;
                at = value + h.length as usize;
                continue;
            }
            // An item of a sequence: its contents follow as elements.
            (0xFFFE, 0xE000) => {
                if h.length != UNDEFINED {
                    fits(data, &h, value)?;
                }
            }
            // Any other (FFFE,xxxx) is read by dicom-rs as a UN value of that length.
            (0xFFFE, _) if h.length == UNDEFINED => return Ok(()),
            (0xFFFE, _) => {
                fits(data, &h, value)?;
                at = value + h.length as usize;
                continue;
            }
            _ if h.length == UNDEFINED => match h.vr {
                Some(vr) if &vr == b"SQ" => {}
                None if !explicit && (h.group, h.element) != (0x7FE0, 0x0010) => {}
                // Encapsulated pixel data: an offset table and fragments, each an item.
                _ if (h.group, h.element) == (0x7FE0, 0x0010) => in_fragments = true,
                _ => return Ok(()),
            },
            _ => {
                fits(data, &h, value)?;
                if h.vr != Some(*b"SQ") {
                    at = value + h.length as usize;
                    continue;
                }
            }
        }
        at = value;
    }
    Ok(())
}

/// Refuses `h` when its value, starting at `value`, runs past the end of `data`.
fn fits(data: &[u8], h: &Header, value: usize) -> Result<(), String> {
    let left = data.len().saturating_sub(value);
    if h.length as usize > left {
        return Err(format!(
            "element ({:04X},{:04X}) declares {} bytes but the file has {left} left; the file \
             is truncated or corrupt",
            h.group, h.element, h.length
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `DICM` and a meta group naming `transfer_syntax`, then `body`.
    fn file(transfer_syntax: &str, body: &[u8]) -> Vec<u8> {
        let mut uid = transfer_syntax.as_bytes().to_vec();
        if uid.len() % 2 == 1 {
            uid.push(0);
        }
        let mut out = b"DICM".to_vec();
        out.extend_from_slice(&[0x02, 0x00, 0x10, 0x00, b'U', b'I']);
        out.extend_from_slice(&(uid.len() as u16).to_le_bytes());
        out.extend_from_slice(&uid);
        out.extend_from_slice(body);
        out
    }

    /// An explicit VR element with a short (2-byte) length field.
    fn short(group: u16, element: u16, vr: &[u8; 2], value: &[u8]) -> Vec<u8> {
        let mut out = [group.to_le_bytes(), element.to_le_bytes()].concat();
        out.extend_from_slice(vr);
        out.extend_from_slice(&(value.len() as u16).to_le_bytes());
        out.extend_from_slice(value);
        out
    }

    /// An explicit VR element with a long (4-byte) length field claiming `length`.
    fn long(group: u16, element: u16, vr: &[u8; 2], length: u32, value: &[u8]) -> Vec<u8> {
        let mut out = [group.to_le_bytes(), element.to_le_bytes()].concat();
        out.extend_from_slice(vr);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(&length.to_le_bytes());
        out.extend_from_slice(value);
        out
    }

    fn item(element: u16, length: u32, value: &[u8]) -> Vec<u8> {
        let mut out = [0xFFFEu16.to_le_bytes(), element.to_le_bytes()].concat();
        out.extend_from_slice(&length.to_le_bytes());
        out.extend_from_slice(value);
        out
    }

    const EXPLICIT: &str = "1.2.840.10008.1.2.1";

    #[test]
    fn a_value_longer_than_the_rest_of_the_file_is_refused_naming_its_element() {
        let body = long(0x7FE0, 0x0010, b"OW", 0xFFFF_FF00, &[0; 16]);

        let reason = check(&file(EXPLICIT, &body)).unwrap_err();

        assert_eq!(
            reason,
            "element (7FE0,0010) declares 4294967040 bytes but the file has 16 left; the file \
             is truncated or corrupt"
        );
    }

    #[test]
    fn well_formed_sequences_items_and_fragments_pass() {
        let mut body = short(0x0008, 0x0060, b"CS", b"CR");
        let nested = short(0x0028, 0x3002, b"US", &[0, 1]);
        let sequence_item = item(0xE000, nested.len() as u32, &nested);
        body.extend(long(0x0028, 0x3010, b"SQ", UNDEFINED, &sequence_item));
        body.extend(item(0xE0DD, 0, &[]));
        body.extend(long(0x7FE0, 0x0010, b"OB", UNDEFINED, &[]));
        body.extend(item(0xE000, 0, &[]));
        body.extend(item(0xE000, 4, &[1, 2, 3, 4]));
        body.extend(item(0xE0DD, 0, &[]));

        assert_eq!(check(&file(EXPLICIT, &body)), Ok(()));
    }

    #[test]
    fn a_lying_fragment_or_item_inside_a_sequence_is_refused() {
        let mut fragments = long(0x7FE0, 0x0010, b"OB", UNDEFINED, &[]);
        fragments.extend(item(0xE000, 1 << 30, &[1, 2]));
        let mut sequence = long(0x0028, 0x3010, b"SQ", UNDEFINED, &[]);
        sequence.extend(item(0xE000, UNDEFINED, &[]));
        sequence.extend(long(0x0028, 0x3006, b"OW", 1 << 30, &[0; 4]));

        for body in [fragments, sequence] {
            assert!(check(&file(EXPLICIT, &body))
                .unwrap_err()
                .contains("declares 1073741824 bytes"));
        }
    }

    #[test]
    fn implicit_vr_lengths_are_checked_and_deflated_data_sets_left_to_dicom_rs() {
        let mut implicit = [0x0028u16.to_le_bytes(), 0x0010u16.to_le_bytes()].concat();
        implicit.extend_from_slice(&1_000_000u32.to_le_bytes());
        implicit.extend_from_slice(&[0; 2]);

        assert!(check(&file(IMPLICIT_VR_LITTLE_ENDIAN, &implicit)).is_err());
        assert_eq!(
            check(&file(DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, &implicit)),
            Ok(())
        );
    }
}
