//! Reading request JSON the one way every family does: an object that
//! names a member twice is refused, at any depth.
//!
//! [RFC 8259 section 4] leaves the meaning of repeated names open ("the
//! names within an object SHOULD be unique"); serde_json's `Value` keeps the
//! last one, while a derived struct refuses a repeated field it knows. Two
//! readers of one body (a proxy, an audit log, signet) could then each see
//! a different request, so signet refuses such a body wherever it reads
//! JSON — CryptoApi, Kontur auth, Reestro, Cipher BIS (open and protected
//! parameters) — each family answering in its own error format.
//!
//! [RFC 8259 section 4]: https://datatracker.ietf.org/doc/html/rfc8259#section-4

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// `T` read from JSON none of whose objects names a member twice: usable
/// as `Json<UniqueKeys<T>>` or with [`from_slice`]. The JSON is read into a
/// [`Value`] first (refusing repeats), then into `T`.
#[derive(Debug)]
pub struct UniqueKeys<T>(pub T);

impl<'de, T: DeserializeOwned> Deserialize<'de> for UniqueKeys<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = d.deserialize_any(UniqueValue)?;
        T::deserialize(value)
            .map(UniqueKeys)
            .map_err(de::Error::custom)
    }
}

/// `T` from `body` (see [`UniqueKeys`]).
pub fn from_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    serde_json::from_slice::<UniqueKeys<T>>(body).map(|u| u.0)
}

/// Whether `e`, from reading a [`Value`] with [`from_slice`], is a repeated
/// name rather than text that is not JSON: reading into a `Value` fails
/// with a data error for nothing else (serde_json classifies every fault of
/// the text itself as syntax or end of input).
pub fn is_repeated_name(e: &serde_json::Error) -> bool {
    e.classify() == serde_json::error::Category::Data
}

/// Why a body read with [`from_slice`] into a [`Value`] is refused, for
/// the families' error messages.
pub fn refusal(e: &serde_json::Error) -> String {
    if is_repeated_name(e) {
        format!("the body is refused: {e}")
    } else {
        format!("the body is not JSON: {e}")
    }
}

/// A [`Value`] inside the document, read by [`UniqueValue`] directly (not
/// through [`UniqueKeys`], which would copy every level once more).
struct UniqueNode(Value);

impl<'de> Deserialize<'de> for UniqueNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(UniqueValue).map(UniqueNode)
    }
}

/// Builds a [`Value`], refusing an object with a repeated name.
struct UniqueValue;

impl<'de> Visitor<'de> for UniqueValue {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(UniqueNode(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(name) = map.next_key::<String>()? {
            if object.contains_key(&name) {
                return Err(de::Error::custom(format_args!(
                    "the member {name:?} appears twice in one object"
                )));
            }
            let UniqueNode(value) = map.next_value()?;
            object.insert(name, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Pair {
        a: u32,
        #[serde(default)]
        b: Option<String>,
    }

    #[test]
    fn unique_names_read_as_serde_json_reads_them() {
        let text = br#"{"a": 1, "b": "x", "n": [1, -2, 3.5, null, true, {"a": {}}]}"#;
        let v: Value = from_slice(text).unwrap();
        assert_eq!(v, serde_json::from_slice::<Value>(text).unwrap());
        let p: Pair = from_slice(br#"{"a": 7, "other": 1}"#).unwrap();
        assert_eq!(p, Pair { a: 7, b: None });
    }

    #[test]
    fn a_repeated_name_is_refused_at_any_depth() {
        for text in [
            r#"{"a": 1, "a": 2}"#,
            r#"{"a": 1, "\u0061": 2}"#,
            r#"{"a": 1, "x": 1, "x": 2}"#,
            r#"{"a": 1, "n": [{"k": 1, "k": 1}]}"#,
            r#"[{"deep": {"k": {}, "k": {}}}]"#,
        ] {
            let e = from_slice::<Value>(text.as_bytes()).unwrap_err();
            assert!(is_repeated_name(&e), "{text}: {e}");
            assert!(e.to_string().contains("appears twice"), "{text}: {e}");
            assert!(from_slice::<Pair>(text.as_bytes()).is_err(), "{text}");
        }
        // Not JSON at all is not a repeated name.
        let e = from_slice::<Value>(b"{\"a\": ").unwrap_err();
        assert!(!is_repeated_name(&e), "{e}");
        let e = from_slice::<Value>(b"plain text").unwrap_err();
        assert!(!is_repeated_name(&e), "{e}");
        // The same name in different objects is fine.
        assert!(from_slice::<Value>(br#"{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}"#).is_ok());
        assert_eq!(
            from_slice::<Value>(b"  null ").unwrap(),
            json!(null),
            "scalars pass"
        );
    }
}
