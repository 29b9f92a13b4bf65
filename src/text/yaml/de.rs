//! Reading a typed value from the span tree ([`super::tree`]) with an
//! error that says what kind of mistake was made, as data: an unknown key
//! and the keys the type has, a key the type needs, a value of the wrong
//! shape, a choice that is not one of the type's. The messages people read
//! are built from these, never from the wording of another library's
//! error. The typed reading of a file stays `yaml_serde`'s; this one is
//! made only to explain a file that reading refused.

use std::fmt;

use saphyr_parser::ScalarStyle;
use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Unexpected, Visitor};

use super::tree::Node;

/// The shape a type asks for at a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Text,
    WholeNumber,
    Number,
    YesNo,
    List,
    Map,
    Nothing,
}

/// What was found at a place, as the file has it.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Text(String),
    Whole(i128),
    Number(f64),
    YesNo(bool),
    List,
    Map,
    Nothing,
    /// Anything else serde can name, in its words.
    Other(String),
}

/// What the type expected where a mistake was found: a shape the reader
/// knew it was asking for, or the type's own description of itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    Shape(Shape),
    Described(String),
}

/// One mistake in a file, as data.
#[derive(Debug, Clone, PartialEq)]
pub enum Mistake {
    /// A key the type does not have; `expected` are the keys it has.
    UnknownKey {
        key: String,
        expected: &'static [&'static str],
    },
    /// A key the type needs and the file does not give.
    MissingKey(&'static str),
    /// A value not among the type's choices.
    UnknownChoice {
        value: String,
        expected: &'static [&'static str],
    },
    /// A value of another shape than the type's (a list for text).
    WrongShape { expected: Expected, found: Found },
    /// A value of the right shape the type does not take (a number too
    /// large).
    BadValue { expected: Expected, found: Found },
    /// Anything else, in the words of the type that refused it (a date
    /// that is not a date).
    Other(String),
}

impl fmt::Display for Mistake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for Mistake {}

impl de::Error for Mistake {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Mistake::Other(msg.to_string())
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Mistake::WrongShape {
            expected: Expected::Described(exp.to_string()),
            found: Found::from(unexp),
        }
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Mistake::BadValue {
            expected: Expected::Described(exp.to_string()),
            found: Found::from(unexp),
        }
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Mistake::UnknownChoice {
            value: variant.to_string(),
            expected,
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Mistake::UnknownKey {
            key: field.to_string(),
            expected,
        }
    }

    fn missing_field(field: &'static str) -> Self {
        Mistake::MissingKey(field)
    }
}

impl From<Unexpected<'_>> for Found {
    fn from(u: Unexpected<'_>) -> Self {
        match u {
            Unexpected::Str(s) => Found::Text(s.to_string()),
            Unexpected::Unsigned(n) => Found::Whole(n.into()),
            Unexpected::Signed(n) => Found::Whole(n.into()),
            Unexpected::Float(x) => Found::Number(x),
            Unexpected::Bool(b) => Found::YesNo(b),
            Unexpected::Seq => Found::List,
            Unexpected::Map => Found::Map,
            Unexpected::Unit => Found::Nothing,
            other => Found::Other(other.to_string()),
        }
    }
}

/// What a scalar written as `value` in `style` reads as, by YAML's core
/// schema (as the typed reading resolves it).
fn resolve(value: &str, style: ScalarStyle) -> Found {
    if style != ScalarStyle::Plain {
        return Found::Text(value.to_string());
    }
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Found::Nothing,
        "true" | "True" | "TRUE" => return Found::YesNo(true),
        "false" | "False" | "FALSE" => return Found::YesNo(false),
        _ => {}
    }
    if let Ok(n) = value.parse::<i128>() {
        return Found::Whole(n);
    }
    let number = value.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c));
    match value.parse::<f64>() {
        Ok(x) if number && !value.contains(char::is_alphabetic) => Found::Number(x),
        _ => Found::Text(value.to_string()),
    }
}

/// `T` read from `root`; on failure, where the mistake is and what it is.
pub fn read<T: DeserializeOwned>(root: &Node) -> Result<T, serde_path_to_error::Error<Mistake>> {
    serde_path_to_error::deserialize(Reader(root))
}

/// A deserialiser over one node of the tree.
#[derive(Clone, Copy)]
struct Reader<'a>(&'a Node);

impl Reader<'_> {
    fn found(&self) -> Found {
        match self.0 {
            Node::Scalar { value, style, .. } => resolve(value, *style),
            Node::Map { .. } => Found::Map,
            Node::Seq { .. } => Found::List,
        }
    }

    fn wrong(&self, expected: Shape) -> Mistake {
        Mistake::WrongShape {
            expected: Expected::Shape(expected),
            found: self.found(),
        }
    }

    /// An empty plain scalar (`key:` with nothing after it) reads as an
    /// empty list or mapping.
    fn is_empty(&self) -> bool {
        matches!(self.0, Node::Scalar { value, style: ScalarStyle::Plain, .. } if value.is_empty())
    }

    /// A whole number; one the type cannot hold (too large for it) is a
    /// bad value where a whole number was expected.
    fn whole<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        self.whole_unchecked(visitor).map_err(|e| match e {
            Mistake::BadValue { found, .. } => Mistake::BadValue {
                expected: Expected::Shape(Shape::WholeNumber),
                found,
            },
            e => e,
        })
    }

    fn whole_unchecked<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        match self.found() {
            Found::Whole(n) if n >= 0 => u64::try_from(n)
                .map_err(|_| self.wrong(Shape::WholeNumber))
                .and_then(|n| visitor.visit_u64(n)),
            Found::Whole(n) => i64::try_from(n)
                .map_err(|_| self.wrong(Shape::WholeNumber))
                .and_then(|n| visitor.visit_i64(n)),
            _ => Err(self.wrong(Shape::WholeNumber)),
        }
    }
}

impl<'de> IntoDeserializer<'de, Mistake> for Reader<'_> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> de::Deserializer<'de> for Reader<'_> {
    type Error = Mistake;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        match self.0 {
            Node::Map { .. } => self.deserialize_map(visitor),
            Node::Seq { .. } => self.deserialize_seq(visitor),
            Node::Scalar { value, .. } => match self.found() {
                Found::Nothing => visitor.visit_unit(),
                Found::YesNo(b) => visitor.visit_bool(b),
                Found::Whole(_) => self.whole(visitor),
                Found::Number(x) => visitor.visit_f64(x),
                _ => visitor.visit_str(value),
            },
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        match self.found() {
            Found::YesNo(b) => visitor.visit_bool(b),
            _ => Err(self.wrong(Shape::YesNo)),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        self.whole(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        match self.found() {
            Found::Number(x) => visitor.visit_f64(x),
            Found::Whole(n) => visitor.visit_f64(n as f64),
            _ => Err(self.wrong(Shape::Number)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        match self.0 {
            Node::Scalar { value, .. } => visitor.visit_str(value),
            _ => Err(self.wrong(Shape::Text)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        match self.found() {
            Found::Nothing => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        match self.found() {
            Found::Nothing => visitor.visit_unit(),
            _ => Err(self.wrong(Shape::Nothing)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Mistake> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        match self.0 {
            Node::Seq { items, .. } => {
                let mut seq = SeqDeserializer::new(items.iter().map(Reader));
                let out = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(out)
            }
            _ if self.is_empty() => {
                visitor.visit_seq(SeqDeserializer::new(std::iter::empty::<Reader<'_>>()))
            }
            _ => Err(self.wrong(Shape::List)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        match self.0 {
            Node::Map { entries, .. } => {
                let mut map = MapDeserializer::new(
                    entries.iter().map(|e| (e.key.as_str(), Reader(&e.value))),
                );
                let out = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(out)
            }
            _ if self.is_empty() => visitor
                .visit_map(MapDeserializer::new(
                    std::iter::empty::<(&str, Reader<'_>)>(),
                )),
            _ => Err(self.wrong(Shape::Map)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mistake> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mistake> {
        match self.0 {
            Node::Scalar { value, .. } => visitor.visit_enum(
                IntoDeserializer::<Mistake>::into_deserializer(value.as_str()),
            ),
            _ => Err(self.wrong(Shape::Text)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        char bytes byte_buf unit_struct tuple tuple_struct identifier
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        self.whole(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        self.whole(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        self.whole(visitor)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        self.whole(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        self.whole(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        self.whole(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        self.whole(visitor)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        self.deserialize_str(visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Pathway, Step, schema};

    fn mistake<T: DeserializeOwned + fmt::Debug>(text: &str) -> (String, Mistake) {
        let tree = super::super::tree::parse(text).unwrap();
        let e = read::<T>(&tree).unwrap_err();
        (e.path().to_string(), e.into_inner())
    }

    #[test]
    fn an_unknown_key_comes_with_the_keys_the_type_has() {
        let (at, m) = mistake::<Step>("id: s\ntitle: S\nred_flag: [x]\n");
        // The path ends at the key itself, as the typed reading's does.
        assert_eq!(at, "red_flag");
        assert_eq!(
            m,
            Mistake::UnknownKey {
                key: "red_flag".into(),
                expected: schema::keys_of::<Step>(),
            }
        );
    }

    #[test]
    fn a_missing_key_is_named() {
        let (_, m) = mistake::<Step>("id: s\nkind: action\n");
        assert_eq!(m, Mistake::MissingKey("title"));
    }

    #[test]
    fn a_value_of_another_shape_says_both_shapes() {
        let (at, m) = mistake::<Pathway>("carepath: 1\nid: p\ntitle: T\nprinciples: Be kind\n");
        assert_eq!(at, "principles");
        assert_eq!(
            m,
            Mistake::WrongShape {
                expected: Expected::Shape(Shape::List),
                found: Found::Text("Be kind".into()),
            }
        );
        let (at, m) = mistake::<Pathway>("carepath: '1'\nid: p\ntitle: T\n");
        assert_eq!(at, "carepath");
        assert!(matches!(
            m,
            Mistake::WrongShape {
                expected: Expected::Shape(Shape::WholeNumber),
                found: Found::Text(_)
            }
        ));
    }

    #[test]
    fn a_choice_not_offered_lists_the_choices() {
        let (at, m) = mistake::<Step>("id: s\ntitle: S\nkind: actoin\n");
        assert_eq!(at, "kind");
        let Mistake::UnknownChoice { value, expected } = m else {
            panic!("{m:?}")
        };
        assert_eq!(value, "actoin");
        assert!(expected.contains(&"action"));
    }

    #[test]
    fn plain_scalars_resolve_as_yaml_reads_them() {
        assert_eq!(resolve("", ScalarStyle::Plain), Found::Nothing);
        assert_eq!(resolve("12", ScalarStyle::Plain), Found::Whole(12));
        assert_eq!(resolve("1.5", ScalarStyle::Plain), Found::Number(1.5));
        assert_eq!(resolve("true", ScalarStyle::Plain), Found::YesNo(true));
        assert_eq!(
            resolve("12", ScalarStyle::DoubleQuoted),
            Found::Text("12".into())
        );
        assert_eq!(
            resolve("inf", ScalarStyle::Plain),
            Found::Text("inf".into())
        );
    }
}
