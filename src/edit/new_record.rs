//! A new record file laid out as a person would write it: schema line, fields in contract order.

use serde_json::{Map, Value};

pub use super::layout::member;
use super::{EditError, contract_order};
use crate::model::Kind;
use crate::store::yaml;

/// The text of a new record of `kind` holding `fields`, whose file sits `depth` folders below the root
/// (`records/actions/X.yaml` is 2), so that the schema line's relative path resolves.
pub fn render(kind: Kind, fields: &Map<String, Value>, depth: usize) -> Result<String, EditError> {
    let mut out = super::layout::modeline(kind, depth) + "\n";
    let order = contract_order(kind);
    let mut keys: Vec<&String> = order.iter().filter(|k| fields.contains_key(k.as_str())).collect();
    keys.extend(fields.keys().filter(|k| !order.contains(k)));
    for key in keys {
        member(&mut out, key, &fields[key.as_str()], 0);
    }
    // Prove the text holds exactly the fields.
    let parsed = yaml::parse(&out)
        .map_err(|e| EditError(format!("internal error: new record does not parse: {}", e.message)))?;
    if parsed.value != Value::Object(fields.clone()) {
        return Err(EditError(
            "internal error: new record does not read back as written".into(),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_new_action_reads_like_the_pack() {
        let fields = json!({
            "id": "CCAG27-01", "title": "Programme to circulate the log", "raised": "2024-02-28",
            "owner": {"org": "Programme", "person": "Andrew Margan"}, "due": "2024-03-27", "status": "open",
            "updates": [{"date": "2024-02-28", "text": "Raised at CCAG27: yes"}], "related": ["CP1589"],
        });
        let text = render(Kind::Action, fields.as_object().unwrap(), 2).unwrap();
        assert_eq!(
            text,
            "# yaml-language-server: $schema=../../schemas/action.schema.json\n\
             id: CCAG27-01\ntitle: Programme to circulate the log\nraised: 2024-02-28\n\
             owner:\n  org: Programme\n  person: Andrew Margan\ndue: 2024-03-27\nstatus: open\n\
             updates:\n  - date: 2024-02-28\n    text: 'Raised at CCAG27: yes'\nrelated: [CP1589]\n"
        );
    }
}
