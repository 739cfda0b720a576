//! A service's attributes (GeoReport v2 "service definition"): what a client may send beyond
//! the standard fields, and the check of what it sent (`attribute[code]=value`).

use crate::domain::FieldError;

/// GeoReport v2's attribute datatypes that pakn's services use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Datatype {
    String,
    Text,
    SingleValueList,
}

impl Datatype {
    pub fn as_str(self) -> &'static str {
        match self {
            Datatype::String => "string",
            Datatype::Text => "text",
            Datatype::SingleValueList => "singlevaluelist",
        }
    }
}

/// One attribute of a service definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub code: &'static str,
    pub datatype: Datatype,
    pub required: bool,
    pub description: &'static str,
    pub datatype_description: &'static str,
    pub order: u32,
    /// For a list: (key, name) pairs.
    pub values: &'static [(&'static str, &'static str)],
}

/// What every pakn service takes beyond the standard fields: the petition's title (pakn keeps
/// one; left out, it is the description's first words), the land parcel or project it concerns,
/// and the language the answer should be in.
pub const ATTRIBUTES: [Attribute; 3] = [
    Attribute {
        code: "title",
        datatype: Datatype::String,
        required: false,
        description: "A short title for the petition",
        datatype_description: "5 to 200 characters; left out, the first words of the description",
        order: 1,
        values: &[],
    },
    Attribute {
        code: "related_project",
        datatype: Datatype::String,
        required: false,
        description: "The land parcel, project or decision the petition concerns",
        datatype_description: "At most 500 characters",
        order: 2,
        values: &[],
    },
    Attribute {
        code: "language",
        datatype: Datatype::SingleValueList,
        required: false,
        description: "The language the answer is written in",
        datatype_description: "",
        order: 3,
        values: &[("vi", "Tiếng Việt"), ("en", "English")],
    },
];

/// The attributes a client sent, checked: each a known code, a list value one of the list's
/// keys (an empty value of an optional attribute is as if left out), every required one given.
/// Errors name the parameter as sent (`attribute[language]`).
pub fn check<'a>(
    definition: &[Attribute],
    sent: &'a [(String, String)],
) -> Result<Vec<(&'static str, &'a str)>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut given = Vec::new();
    for (code, value) in sent {
        let field = format!("attribute[{code}]");
        let Some(attribute) = definition.iter().find(|a| a.code == code) else {
            errors.push(FieldError::new(field, "is not an attribute of this service (see its service definition)"));
            continue;
        };
        if given.iter().any(|(known, _)| *known == attribute.code) {
            errors.push(FieldError::new(field, "is given twice"));
            continue;
        }
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        if attribute.datatype == Datatype::SingleValueList && !attribute.values.iter().any(|(key, _)| *key == value) {
            let keys: Vec<&str> = attribute.values.iter().map(|(key, _)| *key).collect();
            errors.push(FieldError::new(field, format!("must be one of: {}", keys.join(", "))));
            continue;
        }
        given.push((attribute.code, value));
    }
    for attribute in definition.iter().filter(|a| a.required) {
        if !given.iter().any(|(code, _)| *code == attribute.code) {
            errors.push(FieldError::new(format!("attribute[{}]", attribute.code), "is required by this service"));
        }
    }
    if errors.is_empty() { Ok(given) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(c, v)| (c.to_string(), v.to_string())).collect()
    }

    fn fields(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn known_attributes_pass_and_an_empty_optional_value_is_left_out() {
        let given = sent(&[("language", "en"), ("related_project", ""), ("title", " Đèn đường hỏng ")]);
        let checked = check(&ATTRIBUTES, &given).expect("valid");
        assert_eq!(checked, vec![("language", "en"), ("title", "Đèn đường hỏng")]);
    }

    #[test]
    fn a_value_not_in_the_list_an_unknown_code_and_a_missing_required_one_are_named() {
        let mut definition = ATTRIBUTES.to_vec();
        definition[1].required = true;
        let given = sent(&[("language", "fr"), ("colour", "red")]);
        let errors = check(&definition, &given).expect_err("invalid");
        assert_eq!(fields(errors), ["attribute[language]", "attribute[colour]", "attribute[related_project]"]);
    }
}
