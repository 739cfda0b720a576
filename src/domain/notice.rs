//! What happened to a petition, in the words people are told: both languages, so that each reader
//! gets theirs (the timeline shows both).

use super::account::Language;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub vi: String,
    pub en: String,
}

impl Notice {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Notice { vi: vi.into(), en: en.into() }
    }

    pub fn in_language(&self, language: Language) -> &str {
        match language {
            Language::Vietnamese => &self.vi,
            Language::English => &self.en,
        }
    }

    /// Both languages, as a timeline entry's note: "vi / en".
    pub fn both(&self) -> String {
        format!("{} / {}", self.vi, self.en)
    }
}
