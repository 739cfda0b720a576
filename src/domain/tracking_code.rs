//! Tracking codes: short, easy to read aloud, random (neither guessable nor sequential), with a
//! check character so that a mistyped code is caught instead of finding someone else's petition.
//!
//! `PA-XXXX-XXXX-XXXXX`: twelve random symbols (60 bits: guessing one code among a country's
//! petitions takes billions of tries) and a Luhn mod 32 check symbol, in Crockford's base 32 (no
//! I, L, O or U, which are misread). Codes given out before were `PA-XXXXX-XXXXX`, nine random
//! symbols and the check; they keep working. Reading is forgiving: case, spaces and hyphens are
//! ignored, O is read as 0 and I or L as 1.

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const DATA_SYMBOLS: usize = 12;
/// The data symbols of codes given out before 60-bit codes.
const EARLIER_DATA_SYMBOLS: usize = 9;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TrackingCode(String);

impl TrackingCode {
    /// Builds a code from twelve random bytes (the caller brings the randomness).
    pub fn from_random(bytes: [u8; DATA_SYMBOLS]) -> Self {
        // 256 is a multiple of 32, so taking each byte mod 32 adds no bias.
        let mut symbols: Vec<u8> = bytes.iter().map(|b| b % 32).collect();
        symbols.push(check_symbol(&symbols));
        TrackingCode(written(&symbols))
    }

    /// Reads a code as a person typed it; None when it is not a code or its check fails.
    pub fn parse(text: &str) -> Option<Self> {
        let compact: String =
            text.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_ascii_uppercase();
        let body = compact.strip_prefix("PA").unwrap_or(&compact);
        if ![DATA_SYMBOLS + 1, EARLIER_DATA_SYMBOLS + 1].contains(&body.len()) {
            return None;
        }
        let symbols: Vec<u8> = body.chars().map(symbol_of).collect::<Option<Vec<u8>>>()?;
        let (data, check) = symbols.split_at(symbols.len() - 1);
        if check_symbol(data) != check[0] {
            return None;
        }
        Some(TrackingCode(written(&symbols)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl serde::Serialize for TrackingCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl std::fmt::Display for TrackingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// `PA-` and the symbols in groups: 4-4-5 for today's codes, 5-5 for earlier ones.
fn written(symbols: &[u8]) -> String {
    let text: String = symbols.iter().map(|&s| ALPHABET[s as usize] as char).collect();
    if symbols.len() == EARLIER_DATA_SYMBOLS + 1 {
        format!("PA-{}-{}", &text[..5], &text[5..])
    } else {
        format!("PA-{}-{}-{}", &text[..4], &text[4..8], &text[8..])
    }
}

fn symbol_of(c: char) -> Option<u8> {
    let c = match c {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET.iter().position(|&a| a as char == c).map(|p| p as u8)
}

/// Luhn mod N (N = 32): catches every single wrong symbol and most swaps of neighbours.
fn check_symbol(data: &[u8]) -> u8 {
    let n = 32u32;
    let mut factor = 2;
    let mut sum = 0;
    for &symbol in data.iter().rev() {
        let addend = factor * u32::from(symbol);
        factor = if factor == 2 { 1 } else { 2 };
        sum += addend / n + addend % n;
    }
    ((n - sum % n) % n) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> TrackingCode {
        TrackingCode::from_random([7, 19, 3, 200, 9, 42, 13, 250, 77, 101, 5, 64])
    }

    #[test]
    fn a_code_reads_back_as_itself_however_it_is_typed() {
        let code = sample();
        assert!(code.as_str().starts_with("PA-") && code.as_str().len() == 18, "{code}");
        assert_eq!(TrackingCode::parse(code.as_str()), Some(code.clone()));
        let sloppy = code.as_str().to_lowercase().replace('-', " ");
        assert_eq!(TrackingCode::parse(&sloppy), Some(code.clone()));
        assert_eq!(TrackingCode::parse(&code.as_str()[3..]), Some(code), "the PA prefix is optional");
    }

    #[test]
    fn every_single_mistyped_symbol_is_caught() {
        let code = sample();
        let body: Vec<char> = code.as_str().chars().filter(|c| *c != '-').skip(2).collect();
        for position in 0..body.len() {
            for &replacement in ALPHABET {
                let replacement = replacement as char;
                if replacement == body[position] {
                    continue;
                }
                let mut typo = body.clone();
                typo[position] = replacement;
                let typo: String = typo.into_iter().collect();
                assert_eq!(TrackingCode::parse(&typo), None, "{typo} should fail its check");
            }
        }
    }

    #[test]
    fn letters_that_look_like_digits_are_read_as_digits() {
        let code = TrackingCode::from_random([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
        let look_alike = code.as_str().replacen('0', "O", 1).replacen('1', "l", 1);
        assert_eq!(TrackingCode::parse(&look_alike), Some(code));
    }

    #[test]
    fn codes_given_out_before_sixty_bit_codes_still_read() {
        let earlier = "PA-7K3M9-QXD2F";
        let symbols: Vec<u8> = earlier.chars().filter(|c| *c != '-').skip(2).map(|c| symbol_of(c).unwrap()).collect();
        let valid: String = {
            let mut data = symbols[..9].to_vec();
            data.push(check_symbol(&data));
            written(&data)
        };
        assert_eq!(TrackingCode::parse(&valid).map(|code| code.0), Some(valid.clone()));
        assert_eq!(valid.len(), 14);
    }

    #[test]
    fn other_texts_are_not_codes() {
        for text in ["", "PA-", "PA-12345", "PA-12345-1234567", "PA-UUUUU-UUUUU", "'; DROP TABLE petitions; --"] {
            assert_eq!(TrackingCode::parse(text), None, "{text}");
        }
    }
}
