//! `[keys]`: the language of key bindings. The names of the actions a key
//! can be bound to and how a key is written live here, in the
//! configuration, so that a mistake in `[keys]` fails every command with
//! its line; the terminal UI maps these names to its own actions and the
//! terminal's key events to these keys.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;

/// A key on the keyboard as a binding names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Up,
    Down,
    Left,
    Right,
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Home,
    End,
    PageUp,
    PageDown,
    /// F1 to F12.
    F(u8),
}

/// The modifier keys held with a key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Modifiers {
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

/// A key with its modifiers, normalised so that a binding written `G`
/// and a Shift+g from the terminal are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: Modifiers,
}

impl Key {
    pub fn new(code: KeyCode, mut modifiers: Modifiers) -> Key {
        // Shift is already in the character (`G`) and in BackTab itself.
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.shift = false;
        }
        Key { code, modifiers }
    }

    /// Parses `q`, `G`, `ctrl-c`, `shift-tab`, `pagedown`, `f1`.
    pub fn parse(text: &str) -> Result<Key, String> {
        let bad = || format!("`{text}` is not a key like q, G, ctrl-c, enter, pagedown or f1");
        let mut rest = text;
        let mut modifiers = Modifiers::default();
        // A single character is always a key, even `-`.
        while rest.chars().count() > 1 {
            let lower = rest.to_ascii_lowercase();
            let (held, len) = if lower.starts_with("ctrl-") {
                (&mut modifiers.ctrl, 5)
            } else if lower.starts_with("alt-") {
                (&mut modifiers.alt, 4)
            } else if lower.starts_with("shift-") {
                (&mut modifiers.shift, 6)
            } else {
                break;
            };
            *held = true;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                if modifiers.shift && c.is_ascii_lowercase() {
                    KeyCode::Char(c.to_ascii_uppercase())
                } else if modifiers.ctrl {
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
                "tab" if modifiers.shift => KeyCode::BackTab,
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

    /// How the help screen and the hints name the key: `Ctrl-B`, `↑`
    /// (`Up` in 7-bit ASCII), `PgDn`.
    pub fn label(&self, ascii: bool) -> String {
        let mut out = String::new();
        if self.modifiers.ctrl {
            out.push_str("Ctrl-");
        }
        if self.modifiers.alt {
            out.push_str("Alt-");
        }
        if self.modifiers.shift {
            out.push_str("Shift-");
        }
        let arrow = |unicode: &str, word: &str| if ascii { word } else { unicode }.to_string();
        out.push_str(&match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.modifiers.ctrl => c.to_ascii_uppercase().to_string(),
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
        });
        out
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label(true))
    }
}

/// An action a key can be bound to, by the name `keys.toml` and `[keys]`
/// give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bindable {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    NextView,
    PrevView,
    ViewBriefing,
    ViewConflicts,
    ViewEntities,
    ViewSeats,
    ViewFiles,
    ViewGaps,
    ViewHistory,
    Filter,
    Decide,
    Confirm,
    Undo,
    Edit,
    Reload,
    Message,
    Help,
    Quit,
}

impl Bindable {
    /// Every bindable action, in the order the help screen lists them.
    pub const ALL: [Bindable; 26] = [
        Bindable::Up,
        Bindable::Down,
        Bindable::PageUp,
        Bindable::PageDown,
        Bindable::Top,
        Bindable::Bottom,
        Bindable::Open,
        Bindable::Back,
        Bindable::NextView,
        Bindable::PrevView,
        Bindable::ViewBriefing,
        Bindable::ViewConflicts,
        Bindable::ViewEntities,
        Bindable::ViewSeats,
        Bindable::ViewFiles,
        Bindable::ViewGaps,
        Bindable::ViewHistory,
        Bindable::Filter,
        Bindable::Decide,
        Bindable::Confirm,
        Bindable::Undo,
        Bindable::Edit,
        Bindable::Reload,
        Bindable::Message,
        Bindable::Help,
        Bindable::Quit,
    ];

    /// Its name in `keys.toml` and `[keys]`.
    pub fn name(self) -> &'static str {
        match self {
            Bindable::Up => "up",
            Bindable::Down => "down",
            Bindable::PageUp => "page_up",
            Bindable::PageDown => "page_down",
            Bindable::Top => "top",
            Bindable::Bottom => "bottom",
            Bindable::Open => "open",
            Bindable::Back => "back",
            Bindable::NextView => "next_view",
            Bindable::PrevView => "prev_view",
            Bindable::ViewBriefing => "view_briefing",
            Bindable::ViewConflicts => "view_conflicts",
            Bindable::ViewEntities => "view_entities",
            Bindable::ViewSeats => "view_seats",
            Bindable::ViewFiles => "view_files",
            Bindable::ViewGaps => "view_gaps",
            Bindable::ViewHistory => "view_history",
            Bindable::Filter => "filter",
            Bindable::Decide => "decide",
            Bindable::Confirm => "confirm",
            Bindable::Undo => "undo",
            Bindable::Edit => "edit",
            Bindable::Reload => "reload",
            Bindable::Message => "message",
            Bindable::Help => "help",
            Bindable::Quit => "quit",
        }
    }

    /// What the help screen says it does.
    pub fn description(self) -> &'static str {
        match self {
            Bindable::Up => "Move up",
            Bindable::Down => "Move down",
            Bindable::PageUp => "Move up a page",
            Bindable::PageDown => "Move down a page",
            Bindable::Top => "Go to the first row",
            Bindable::Bottom => "Go to the last row",
            Bindable::Open => "Open the selected row",
            Bindable::Back => "Close help, clear the filter, or go back",
            Bindable::NextView => "Next view",
            Bindable::PrevView => "Previous view",
            Bindable::ViewBriefing => "Show the briefing",
            Bindable::ViewConflicts => "Show every conflict",
            Bindable::ViewEntities => "Show entities",
            Bindable::ViewSeats => "Show seats",
            Bindable::ViewFiles => "Show files and reading problems",
            Bindable::ViewGaps => "Show the score and the gaps in who owns what",
            Bindable::ViewHistory => "Show the history of earlier briefings",
            Bindable::Filter => "Filter the list: whole words, then typos",
            Bindable::Decide => "Ask to keep the selected value of a conflict",
            Bindable::Confirm => "Yes: record the decision asked about",
            Bindable::Undo => "Take back the last decision made here",
            Bindable::Edit => "Open the selected source in $EDITOR",
            Bindable::Reload => "Read the state files again",
            Bindable::Message => "Show the last message in full",
            Bindable::Help => "Show every key",
            Bindable::Quit => "Quit; in help or a message, close it",
        }
    }

    pub fn from_name(name: &str) -> Option<Bindable> {
        Self::ALL.into_iter().find(|b| b.name() == name)
    }
}

impl fmt::Display for Bindable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// `[keys]` from briefing.toml, checked: every action name exists and
/// every key parses. An action listed here gets exactly these keys in
/// place of its defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyOverrides {
    overrides: Vec<(Bindable, Vec<Key>)>,
}

/// The `[keys]` table as read: action name to key names, with spans for
/// errors.
pub(super) type RawKeys = BTreeMap<toml::Spanned<String>, Vec<toml::Spanned<String>>>;

/// A problem in `[keys]`: where (a byte span in briefing.toml) and what.
pub(super) type KeysError = (Range<usize>, String);

impl KeyOverrides {
    pub(super) fn from_raw(raw: RawKeys) -> Result<KeyOverrides, KeysError> {
        let mut overrides: Vec<(Bindable, Vec<Key>)> = Vec::with_capacity(raw.len());
        let mut claimed: HashMap<Key, Bindable> = HashMap::new();
        let mut entries: Vec<_> = raw.into_iter().collect();
        // Report problems in file order, not name order.
        entries.sort_by_key(|(name, _)| name.span().start);
        for (name, keys) in entries {
            let action = Bindable::from_name(name.get_ref()).ok_or_else(|| {
                let names: Vec<&str> = Bindable::ALL.iter().map(|b| b.name()).collect();
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

    /// The keys `[keys]` gives `action`, if it names it.
    pub fn get(&self, action: Bindable) -> Option<&[Key]> {
        self.overrides
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, keys)| keys.as_slice())
    }

    /// Every key `[keys]` binds, to whichever action.
    pub fn keys(&self) -> impl Iterator<Item = Key> + '_ {
        self.overrides
            .iter()
            .flat_map(|(_, keys)| keys.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, ctrl: bool, shift: bool) -> Key {
        Key::new(
            code,
            Modifiers {
                ctrl,
                alt: false,
                shift,
            },
        )
    }

    #[test]
    fn names_are_unique_and_round_trip() {
        for b in Bindable::ALL {
            assert_eq!(Bindable::from_name(b.name()), Some(b), "{b}");
        }
        assert_eq!(Bindable::from_name("nope"), None);
    }

    #[test]
    fn parses_keys_the_way_terminals_send_them() {
        assert_eq!(Key::parse("q"), Ok(key(KeyCode::Char('q'), false, false)));
        assert_eq!(Key::parse("G"), Ok(key(KeyCode::Char('G'), false, true)));
        assert_eq!(Key::parse("shift-g"), Key::parse("G"));
        assert_eq!(
            Key::parse("Ctrl-C"),
            Ok(key(KeyCode::Char('c'), true, false))
        );
        assert_eq!(
            Key::parse("shift-tab"),
            Ok(key(KeyCode::BackTab, false, false))
        );
        assert_eq!(Key::parse("-"), Ok(key(KeyCode::Char('-'), false, false)));
        assert_eq!(
            Key::parse("ctrl--"),
            Ok(key(KeyCode::Char('-'), true, false))
        );
        assert_eq!(Key::parse("f5"), Ok(key(KeyCode::F(5), false, false)));
        assert!(Key::parse("ctrl-").is_err());
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("f13").is_err());
        assert!(Key::parse("").is_err());
    }

    #[test]
    fn labels_name_keys_for_people() {
        let label = |text: &str, ascii| Key::parse(text).unwrap().label(ascii);
        assert_eq!(label("ctrl-b", false), "Ctrl-B");
        assert_eq!(label("up", false), "↑");
        assert_eq!(label("up", true), "Up");
        assert_eq!(label("shift-tab", true), "Shift-Tab");
        assert_eq!(label("space", true), "Space");
        assert_eq!(label("alt-pagedown", true), "Alt-PgDn");
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
    fn overrides_keep_each_actions_keys_in_order() {
        let o = overrides("[keys]\nquit = [\"x\"]\nhelp = [\"j\", \"?\", \"j\"]\n").unwrap();
        let keys =
            |text: &[&str]| -> Vec<Key> { text.iter().map(|t| Key::parse(t).unwrap()).collect() };
        assert_eq!(o.get(Bindable::Quit), Some(keys(&["x"]).as_slice()));
        assert_eq!(o.get(Bindable::Help), Some(keys(&["j", "?"]).as_slice()));
        assert_eq!(o.get(Bindable::Up), None);
        assert_eq!(o.keys().count(), 3);
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
