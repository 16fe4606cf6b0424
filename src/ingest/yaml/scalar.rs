//! What a YAML scalar or tag means: YAML 1.2's core schema with strict
//! booleans, and numbers kept as written.

use std::borrow::Cow;

use granit_parser::{ScalarStyle, Tag};

use crate::ingest::tree::NodeValue;

/// What a tag asks of its node. Tags the reader has no use for (`!Project`)
/// are ignored; the core schema's and a few well-known ones are honoured.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    None,
    Null,
    Bool,
    Int,
    Float,
    Str,
    Seq,
    Map,
    Binary,
    Timestamp,
    /// `!time`, `!degrees`, `!radians`: unit conversions this reader lacks.
    Unit,
    Merge,
    Value,
    Include,
    /// `!` alone: keep the text as it is.
    NonSpecific,
    Other,
}

const YAML_TAGS: &str = "tag:yaml.org,2002:";

impl Kind {
    pub(super) fn of(tag: &Tag) -> Self {
        let include = [
            "!include",
            "tag:yaml.org,2002:include",
            "tag:yaml.org,2002:!include",
        ];
        if include.iter().any(|prefix| {
            tag.suffix_in_namespace(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('#'))
        }) {
            return Self::Include;
        }
        if let Some(kind) = tag.core_suffix().and_then(Self::core) {
            return kind;
        }
        if let Some(name) = tag.suffix_in_namespace(YAML_TAGS) {
            return match name.as_ref() {
                "merge" => Self::Merge,
                "value" => Self::Value,
                name => Self::named(name.strip_prefix('!').unwrap_or(name)),
            };
        }
        match tag.suffix_in_namespace("!").as_deref() {
            None => Self::Other,
            Some("" | "!") => Self::NonSpecific,
            Some("!timestamp") => Self::Timestamp,
            Some("!binary") => Self::Binary,
            Some(name) => match name.strip_prefix('!') {
                Some(name) => Self::core(name).unwrap_or(Self::Other),
                None => Self::named(name),
            },
        }
    }

    fn core(name: &str) -> Option<Self> {
        Some(match name {
            "null" => Self::Null,
            "bool" => Self::Bool,
            "int" => Self::Int,
            "float" => Self::Float,
            "str" => Self::Str,
            "seq" => Self::Seq,
            "map" => Self::Map,
            _ => return None,
        })
    }

    fn named(name: &str) -> Self {
        match name {
            "timestamp" => Self::Timestamp,
            "binary" => Self::Binary,
            "include" => Self::Include,
            "time" | "degrees" | "radians" => Self::Unit,
            name => Self::core(name).unwrap_or(Self::Other),
        }
    }

    pub(super) fn is_scalar_only(self) -> bool {
        !matches!(
            self,
            Self::None | Self::NonSpecific | Self::Other | Self::Seq | Self::Map
        )
    }
}

/// Resolves a scalar to the tree's value; `source` is its text in the file.
pub(super) fn resolve<'t>(
    value: Cow<'t, str>,
    style: ScalarStyle,
    kind: Kind,
    source: Option<&'t str>,
) -> Result<NodeValue<'t>, String> {
    let number = |value: &Cow<'t, str>| {
        NodeValue::Number(source.map_or_else(|| value.clone(), Cow::Borrowed))
    };
    let trimmed = yaml_trim(&value);
    match kind {
        Kind::Null => return Ok(NodeValue::Null),
        Kind::Bool => {
            return strict_bool(trimmed)
                .map(NodeValue::Bool)
                .ok_or_else(|| "invalid boolean (strict mode expects true/false)".to_owned());
        }
        Kind::Int if trimmed.starts_with('-') => {
            return int(trimmed, true)
                .then(|| number(&value))
                .ok_or_else(|| "invalid i64".to_owned());
        }
        Kind::Int => {
            return int(trimmed, false)
                .then(|| number(&value))
                .ok_or_else(|| "invalid u64".to_owned());
        }
        Kind::Float => {
            return match float(trimmed) {
                Some(f) if f.is_finite() => Ok(number(&value)),
                Some(f) => Ok(non_finite(f)),
                None => Err("invalid floating point".to_owned()),
            };
        }
        Kind::Unit => return Err("invalid floating point".to_owned()),
        _ => {}
    }
    let plain = style == ScalarStyle::Plain;
    let typed = matches!(
        kind,
        Kind::None | Kind::Merge | Kind::Value | Kind::Include | Kind::Other
    );
    if typed && plain && matches!(&*value, "" | "~" | "null" | "Null" | "NULL") {
        return Ok(NodeValue::Null);
    }
    if !plain || !typed {
        return match kind {
            Kind::Binary => binary(&value).map(|s| NodeValue::String(s.into())),
            Kind::Timestamp => Err("cannot deserialize tagged scalar into string".to_owned()),
            _ => Ok(NodeValue::String(value)),
        };
    }
    if let Some(b) = strict_bool(trimmed) {
        return Ok(NodeValue::Bool(b));
    }
    let unsigned = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    // `0X1F` and `-.nan` are not YAML 1.2 numbers, whatever Rust makes of them.
    let uppercase_radix = matches!(unsigned.as_bytes(), [b'0', b'X' | b'O' | b'B', ..]);
    let signed_nan = unsigned.len() < trimmed.len() && matches!(unsigned, ".nan" | ".NaN" | ".NAN");
    if uppercase_radix || signed_nan {
        return Ok(NodeValue::String(value));
    }
    let negative = trimmed.starts_with('-');
    if negative && !leading_zero(unsigned) && int(trimmed, true) || !negative && int(trimmed, false)
    {
        return Ok(number(&value));
    }
    Ok(match float(trimmed) {
        Some(f) if f.is_finite() => number(&value),
        Some(f) => non_finite(f),
        None => NodeValue::String(value),
    })
}

fn yaml_trim(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\r', '\n'])
}

fn strict_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// `.inf` and `.nan` mean nothing in a state file; they are kept as text.
fn non_finite(f: f64) -> NodeValue<'static> {
    let text = if f.is_nan() {
        ".nan"
    } else if f < 0.0 {
        "-.inf"
    } else {
        ".inf"
    };
    NodeValue::String(text.into())
}

fn leading_zero(digits: &str) -> bool {
    digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `t` is a YAML integer that fits an `i64` (`signed`) or a `u64`:
/// decimal without a leading zero, or `0x`, `0o`, `0b` with lowercase
/// prefixes; single underscores may separate digits.
fn int(t: &str, signed: bool) -> bool {
    let (negative, rest) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if negative && !signed {
        return false;
    }
    let (radix, digits) = [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ]
    .iter()
    .find_map(|(prefix, radix)| rest.strip_prefix(prefix).map(|d| (*radix, d)))
    .unwrap_or((10, rest));
    if radix == 10 && digits.starts_with('0') && digits != "0" {
        return false;
    }
    let bytes = digits.as_bytes();
    let mut magnitude: u128 = 0;
    let mut any = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            if i == 0 || bytes[i - 1] == b'_' || bytes.get(i + 1).is_none_or(|&n| n == b'_') {
                return false;
            }
            continue;
        }
        let Some(d) = char::from(b).to_digit(radix) else {
            return false;
        };
        let Some(m) = magnitude
            .checked_mul(u128::from(radix))
            .and_then(|m| m.checked_add(u128::from(d)))
        else {
            return false;
        };
        magnitude = m;
        any = true;
    }
    any && match (signed, negative) {
        (true, true) => magnitude <= u128::from(i64::MIN.unsigned_abs()),
        (true, false) => magnitude <= i64::MAX as u128,
        (false, _) => magnitude <= u128::from(u64::MAX),
    }
}

/// A YAML float: `.inf` and `.nan` spellings, a finite decimal, or a
/// numeral too large for `f64` (infinite).
fn float(t: &str) -> Option<f64> {
    let (negative, unsigned) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    match unsigned {
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        ".inf" | ".Inf" | ".INF" if negative => return Some(f64::NEG_INFINITY),
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    // Rust also reads `inf` and `nan`, which YAML keeps as text.
    let f = t.parse::<f64>().ok()?;
    (f.is_finite() || unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit)).then_some(f)
}

/// The text a `!!binary` scalar encodes in base64.
fn binary(encoded: &str) -> Result<String, String> {
    let invalid = || "invalid !!binary base64".to_owned();
    let digits: Vec<u8> = encoded
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if !digits.len().is_multiple_of(4) {
        return Err(invalid());
    }
    let value = |b: u8| match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let chunks = digits.len() / 4;
    let mut bytes = Vec::with_capacity(chunks * 3);
    for (i, chunk) in digits.chunks_exact(4).enumerate() {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || pad > 0 && i + 1 != chunks {
            return Err(invalid());
        }
        let mut triple = 0u32;
        for &c in &chunk[..4 - pad] {
            triple = triple << 6 | u32::from(value(c).ok_or_else(invalid)?);
        }
        triple <<= 6 * pad;
        // Padding must not hide set bits.
        if triple & ((1 << (8 * pad)) - 1) != 0 {
            return Err(invalid());
        }
        bytes.extend_from_slice(&triple.to_be_bytes()[1..4 - pad]);
    }
    String::from_utf8(bytes).map_err(|_| {
        "!!binary scalar is not valid UTF-8 so cannot be stored into string. \
         If you just use !!binary for documentation/annotation, set ignore_binary_tag_for_string in Options"
            .to_owned()
    })
}
