//! Key bindings as data. The defaults live in `keys.toml`, compiled in;
//! `[keys]` in briefing.toml overrides actions by name. The help screen and
//! the footer read the same [`Keymap`] the app dispatches with, so what
//! they show is always what the keys do.

use super::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;

const DEFAULTS: &str = include_str!("keys.toml");

/// A key with its modifiers, normalised so that a binding written `G`
/// matches the event a terminal sends for Shift+g.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        let mut modifiers =
            modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        // Shift is already in the character (`G`) and in BackTab itself.
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Key { code, modifiers }
    }

    pub fn from_event(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }

    /// Parses `q`, `G`, `ctrl-c`, `shift-tab`, `pagedown`, `f1`.
    pub fn parse(text: &str) -> Result<Key, String> {
        let bad = || format!("`{text}` is not a key like q, G, ctrl-c, enter, pagedown or f1");
        let mut rest = text;
        let mut modifiers = KeyModifiers::NONE;
        // A single character is always a key, even `-`.
        while rest.chars().count() > 1 {
            let lower = rest.to_ascii_lowercase();
            let (modifier, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            modifiers |= modifier;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                if modifiers.contains(KeyModifiers::SHIFT) && c.is_ascii_lowercase() {
                    KeyCode::Char(c.to_ascii_uppercase())
                } else if modifiers.contains(KeyModifiers::CONTROL) {
                    // Terminals send Ctrl+letter as the lower-case letter.
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            (Some(_), Some(_)) => match rest.to_ascii_lowercase().as_str() {
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "space" => KeyCode::Char(' '),
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            },
            _ => return Err(bad()),
        };
        Ok(Key::new(code, modifiers))
    }

    /// How the help screen names the key.
    pub fn label(&self, ascii: bool) -> String {
        let mut out = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift-");
        }
        let arrow = |unicode: &str, word: &str| if ascii { word } else { unicode }.to_string();
        out.push_str(&match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.modifiers.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_uppercase().to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => arrow("↑", "Up"),
            KeyCode::Down => arrow("↓", "Down"),
            KeyCode::Left => arrow("←", "Left"),
            KeyCode::Right => arrow("→", "Right"),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::Delete => "Delete".to_string(),
            KeyCode::Insert => "Insert".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        });
        out
    }
}

/// `[keys]` from briefing.toml, checked: every action name exists and
/// every key parses. Kept in [`crate::config::Config`] so a typo is an
/// error for every command, not only when the terminal UI starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyOverrides {
    overrides: Vec<(Action, Vec<Key>)>,
}

/// The `[keys]` table as read: action name to key names, with spans for
/// errors.
pub type RawKeys = BTreeMap<toml::Spanned<String>, Vec<toml::Spanned<String>>>;

/// A problem in `[keys]`: where (a byte span in briefing.toml) and what.
pub type KeysError = (Range<usize>, String);

impl KeyOverrides {
    pub fn from_raw(raw: RawKeys) -> Result<KeyOverrides, KeysError> {
        let mut overrides: Vec<(Action, Vec<Key>)> = Vec::with_capacity(raw.len());
        let mut claimed: HashMap<Key, Action> = HashMap::new();
        let mut entries: Vec<_> = raw.into_iter().collect();
        // Report problems in file order, not name order.
        entries.sort_by_key(|(name, _)| name.span().start);
        for (name, keys) in entries {
            let action = Action::from_name(name.get_ref()).ok_or_else(|| {
                let names: Vec<&str> = Action::BOUND.iter().map(|b| b.name).collect();
                (
                    name.span(),
                    format!(
                        "keys: unknown action `{}`; actions are {}",
                        name.get_ref(),
                        names.join(", ")
                    ),
                )
            })?;
            let mut parsed = Vec::with_capacity(keys.len());
            for key in keys {
                let k = Key::parse(key.get_ref())
                    .map_err(|why| (key.span(), format!("keys.{}: {why}", name.get_ref())))?;
                if let Some(other) = claimed.insert(k, action).filter(|&a| a != action) {
                    return Err((
                        key.span(),
                        format!(
                            "keys.{}: `{}` is already bound to {other}",
                            name.get_ref(),
                            key.get_ref()
                        ),
                    ));
                }
                if !parsed.contains(&k) {
                    parsed.push(k);
                }
            }
            overrides.push((action, parsed));
        }
        Ok(KeyOverrides { overrides })
    }

    pub fn is_empty(&self) -> bool {
        self.overrides.is_empty()
    }
}

/// Which action each key triggers, and the keys of each action in the
/// order they were written (the first is the one hints show).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(Action, Vec<Key>)>,
    lookup: HashMap<Key, Action>,
}

impl Keymap {
    /// The compiled-in defaults of `keys.toml`.
    pub fn defaults() -> Keymap {
        // keys.toml is part of the binary and a unit test parses it, so a
        // mistake in it cannot reach a user; fall back to no bindings
        // rather than panic all the same.
        let table: BTreeMap<String, Vec<String>> = toml::from_str(DEFAULTS).unwrap_or_default();
        let mut bindings = Vec::with_capacity(Action::BOUND.len());
        for b in Action::BOUND {
            let keys = table
                .get(b.name)
                .map(|keys| keys.iter().filter_map(|k| Key::parse(k).ok()).collect())
                .unwrap_or_default();
            bindings.push((b.action, keys));
        }
        Keymap::from_bindings(bindings)
    }

    /// The defaults with `[keys]` applied. An overridden action gets
    /// exactly the keys given; those keys leave any other action's defaults.
    pub fn with_overrides(overrides: &KeyOverrides) -> Keymap {
        let mut bindings = Keymap::defaults().bindings;
        let taken: Vec<Key> = overrides
            .overrides
            .iter()
            .flat_map(|(_, keys)| keys.iter().copied())
            .collect();
        for (action, keys) in &mut bindings {
            match overrides.overrides.iter().find(|(a, _)| a == action) {
                Some((_, new)) => keys.clone_from(new),
                None => keys.retain(|k| !taken.contains(k)),
            }
        }
        Keymap::from_bindings(bindings)
    }

    fn from_bindings(bindings: Vec<(Action, Vec<Key>)>) -> Keymap {
        let mut lookup = HashMap::new();
        for (action, keys) in &bindings {
            for key in keys {
                lookup.entry(*key).or_insert(*action);
            }
        }
        Keymap { bindings, lookup }
    }

    pub fn action(&self, key: Key) -> Option<Action> {
        self.lookup.get(&key).copied()
    }

    pub fn keys(&self, action: Action) -> &[Key] {
        self.bindings
            .iter()
            .find(|(a, _)| *a == action)
            .map_or(&[], |(_, keys)| keys.as_slice())
    }

    /// Every bindable action with its keys, in help order.
    pub fn bindings(&self) -> impl Iterator<Item = (Action, &[Key])> {
        self.bindings.iter().map(|(a, keys)| (*a, keys.as_slice()))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label(true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key::new(code, modifiers)
    }

    #[test]
    fn defaults_parse_and_bind_every_action() {
        let table: BTreeMap<String, Vec<String>> = toml::from_str(DEFAULTS).unwrap();
        for (name, keys) in &table {
            assert!(Action::from_name(name).is_some(), "unknown action {name}");
            for k in keys {
                Key::parse(k).unwrap();
            }
        }
        let map = Keymap::defaults();
        for b in Action::BOUND {
            assert!(!map.keys(b.action).is_empty(), "{} has no key", b.name);
        }
        // Every default key triggers exactly the action it is listed under.
        for (action, keys) in map.bindings() {
            for k in keys {
                assert_eq!(map.action(*k), Some(action), "{k}");
            }
        }
    }

    #[test]
    fn parses_keys_the_way_terminals_send_them() {
        assert_eq!(
            Key::parse("q"),
            Ok(key(KeyCode::Char('q'), KeyModifiers::NONE))
        );
        assert_eq!(
            Key::parse("G"),
            Ok(key(KeyCode::Char('G'), KeyModifiers::SHIFT))
        );
        assert_eq!(Key::parse("shift-g"), Key::parse("G"));
        assert_eq!(
            Key::parse("Ctrl-C"),
            Ok(key(KeyCode::Char('c'), KeyModifiers::CONTROL))
        );
        assert_eq!(
            Key::parse("shift-tab"),
            Ok(key(KeyCode::BackTab, KeyModifiers::NONE))
        );
        assert_eq!(
            Key::parse("-"),
            Ok(key(KeyCode::Char('-'), KeyModifiers::NONE))
        );
        assert_eq!(
            Key::parse("ctrl--"),
            Ok(key(KeyCode::Char('-'), KeyModifiers::CONTROL))
        );
        assert_eq!(Key::parse("f5"), Ok(key(KeyCode::F(5), KeyModifiers::NONE)));
        assert!(Key::parse("ctrl-").is_err());
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("f13").is_err());
        assert!(Key::parse("").is_err());
    }

    #[test]
    fn shifted_letters_match_their_binding() {
        let map = Keymap::defaults();
        let event = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map.action(Key::from_event(&event)), Some(Action::Bottom));
    }

    fn overrides(text: &str) -> Result<KeyOverrides, KeysError> {
        #[derive(serde::Deserialize)]
        struct Doc {
            keys: RawKeys,
        }
        let doc: Doc = toml::from_str(text).unwrap();
        KeyOverrides::from_raw(doc.keys)
    }

    #[test]
    fn an_override_replaces_the_action_and_steals_its_keys() {
        let o = overrides("[keys]\nquit = [\"x\"]\nhelp = [\"j\", \"?\"]\n").unwrap();
        let map = Keymap::with_overrides(&o);
        let x = Key::parse("x").unwrap();
        let q = Key::parse("q").unwrap();
        let j = Key::parse("j").unwrap();
        assert_eq!(map.action(x), Some(Action::Quit));
        assert_eq!(map.action(q), None);
        assert_eq!(map.action(j), Some(Action::Help));
        assert_eq!(map.keys(Action::Down), &[Key::parse("down").unwrap()]);
    }

    #[test]
    fn unknown_actions_and_bad_keys_point_at_their_place() {
        let text = "[keys]\nup = [\"k\"]\nquitt = [\"q\"]\n";
        let (span, message) = overrides(text).unwrap_err();
        assert_eq!(&text[span], "quitt");
        assert!(message.contains("unknown action `quitt`"), "{message}");

        let text = "[keys]\nquit = [\"q\", \"ctrl-\"]\n";
        let (span, message) = overrides(text).unwrap_err();
        assert_eq!(&text[span], "\"ctrl-\"");
        assert!(message.starts_with("keys.quit:"), "{message}");

        let text = "[keys]\nquit = [\"x\"]\nhelp = [\"x\"]\n";
        let (span, message) = overrides(text).unwrap_err();
        assert_eq!(&text[span.start..span.end], "\"x\"");
        assert!(span.start > text.find("help").unwrap());
        assert!(message.contains("already bound to quit"), "{message}");
    }
}
