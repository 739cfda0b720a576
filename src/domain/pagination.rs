//! Cursor pagination: a page size within bounds and an opaque cursor holding the last key seen.

/// How many items a page holds: 20 unless asked, at most 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageSize(u16);

impl PageSize {
    pub const DEFAULT: u16 = 20;
    pub const MAX: u16 = 100;

    pub fn new(requested: Option<i64>) -> Result<Self, String> {
        match requested {
            None => Ok(PageSize(Self::DEFAULT)),
            Some(n) if (1..=i64::from(Self::MAX)).contains(&n) => Ok(PageSize(n as u16)),
            Some(_) => Err(format!("must be from 1 to {}", Self::MAX)),
        }
    }

    pub fn get(self) -> i64 {
        i64::from(self.0)
    }
}

impl Default for PageSize {
    fn default() -> Self {
        PageSize(Self::DEFAULT)
    }
}

/// The sort key of the last item of a page, hex-encoded so that clients treat it as opaque.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cursor(pub String);

impl Cursor {
    pub fn encode(last_key: &str) -> String {
        last_key.bytes().map(|b| format!("{b:02x}")).collect()
    }

    pub fn decode(text: &str) -> Result<Self, String> {
        let invalid = || "is not a cursor this API gave out".to_string();
        // Checking for hex digits first also keeps the slicing below on character boundaries.
        if text.is_empty()
            || !text.len().is_multiple_of(2)
            || text.len() > 512
            || !text.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Err(invalid());
        }
        let bytes = (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).map_err(|_| invalid()))
            .collect::<Result<Vec<u8>, String>>()?;
        // A key this API gave out never holds a control character; PostgreSQL refuses a NUL in
        // text outright, which would make a forged cursor a server error instead of a 422.
        let key = String::from_utf8(bytes).map_err(|_| invalid())?;
        if key.chars().any(char::is_control) {
            return Err(invalid());
        }
        Ok(Cursor(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_as_the_key_it_was_made_from() {
        let key = "19753|2025-07-01|Phường";
        assert_eq!(Cursor::decode(&Cursor::encode(key)), Ok(Cursor(key.to_string())));
    }

    #[test]
    fn a_forged_cursor_is_refused() {
        for bad in ["", "abc", "zz", "ff", "aéb", "00", "0a41"] {
            assert!(Cursor::decode(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn page_sizes_default_to_twenty_and_stop_at_a_hundred() {
        assert_eq!(PageSize::new(None).unwrap().get(), 20);
        assert_eq!(PageSize::new(Some(100)).unwrap().get(), 100);
        assert!(PageSize::new(Some(0)).is_err());
        assert!(PageSize::new(Some(101)).is_err());
    }
}
