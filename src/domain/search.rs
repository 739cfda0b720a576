//! Search that ignores Vietnamese diacritics and case: "dat dai" finds "đất đai".

/// Folds text to lower-case ASCII words separated by single spaces ("đ" becomes "d", which
/// Unicode decomposition alone would leave as it is).
pub fn fold(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_and_case_fold_away() {
        assert_eq!(fold("Đất đai bị LẤN CHIẾM!"), "dat dai bi lan chiem");
        assert_eq!(fold("Ô nhiễm   môi-trường"), "o nhiem moi truong");
        assert_eq!(fold("dat dai"), fold("ĐẤT ĐAI"));
    }
}
