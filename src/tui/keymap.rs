//! Key bindings as data. The defaults live in `keys.toml`, compiled in;
//! `[keys]` in briefing.toml, checked when the configuration loads,
//! overrides actions by name. The help screen and the footer read the same
//! [`Keymap`] the app dispatches with, so what they show is always what the
//! keys do.

use super::action::Action;
use crate::config::keys::{Bindable, Key, KeyCode, KeyOverrides, Modifiers};
use ratatui::crossterm::event::{self, KeyEvent, KeyModifiers};
use std::collections::{BTreeMap, HashMap};

const DEFAULTS: &str = include_str!("keys.toml");

/// The key a terminal's key event is, when it is one a binding can name.
pub fn key_of(event: &KeyEvent) -> Option<Key> {
    let code = match event.code {
        event::KeyCode::Char(c) => KeyCode::Char(c),
        event::KeyCode::Up => KeyCode::Up,
        event::KeyCode::Down => KeyCode::Down,
        event::KeyCode::Left => KeyCode::Left,
        event::KeyCode::Right => KeyCode::Right,
        event::KeyCode::Enter => KeyCode::Enter,
        event::KeyCode::Esc => KeyCode::Esc,
        event::KeyCode::Tab => KeyCode::Tab,
        event::KeyCode::BackTab => KeyCode::BackTab,
        event::KeyCode::Backspace => KeyCode::Backspace,
        event::KeyCode::Delete => KeyCode::Delete,
        event::KeyCode::Insert => KeyCode::Insert,
        event::KeyCode::Home => KeyCode::Home,
        event::KeyCode::End => KeyCode::End,
        event::KeyCode::PageUp => KeyCode::PageUp,
        event::KeyCode::PageDown => KeyCode::PageDown,
        event::KeyCode::F(n) => KeyCode::F(n),
        _ => return None,
    };
    let held = |modifier| event.modifiers.contains(modifier);
    let modifiers = Modifiers {
        ctrl: held(KeyModifiers::CONTROL),
        alt: held(KeyModifiers::ALT),
        shift: held(KeyModifiers::SHIFT),
    };
    Some(Key::new(code, modifiers))
}

/// Which action each key triggers, and the keys of each action in the
/// order they were written (the first is the one hints show).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(Bindable, Vec<Key>)>,
    lookup: HashMap<Key, Bindable>,
}

impl Keymap {
    /// The compiled-in defaults of `keys.toml`.
    pub fn defaults() -> Keymap {
        // keys.toml is part of the binary and a unit test parses it, so a
        // mistake in it cannot reach a user; fall back to no bindings
        // rather than panic all the same.
        let table: BTreeMap<String, Vec<String>> = toml::from_str(DEFAULTS).unwrap_or_default();
        let bindings = Bindable::ALL
            .into_iter()
            .map(|b| {
                let keys = table
                    .get(b.name())
                    .map(|keys| keys.iter().filter_map(|k| Key::parse(k).ok()).collect())
                    .unwrap_or_default();
                (b, keys)
            })
            .collect();
        Keymap::from_bindings(bindings)
    }

    /// The defaults with `[keys]` applied. An overridden action gets
    /// exactly the keys given; those keys leave any other action's defaults.
    pub fn with_overrides(overrides: &KeyOverrides) -> Keymap {
        let mut bindings = Keymap::defaults().bindings;
        let taken: Vec<Key> = overrides.keys().collect();
        for (action, keys) in &mut bindings {
            match overrides.get(*action) {
                Some(new) => *keys = new.to_vec(),
                None => keys.retain(|k| !taken.contains(k)),
            }
        }
        Keymap::from_bindings(bindings)
    }

    fn from_bindings(bindings: Vec<(Bindable, Vec<Key>)>) -> Keymap {
        let mut lookup = HashMap::new();
        for (action, keys) in &bindings {
            for key in keys {
                lookup.entry(*key).or_insert(*action);
            }
        }
        Keymap { bindings, lookup }
    }

    /// The action `key` is bound to.
    pub fn action(&self, key: Key) -> Option<Action> {
        self.lookup.get(&key).map(|&b| Action::from(b))
    }

    /// The action a terminal's key event triggers.
    pub fn action_of(&self, event: &KeyEvent) -> Option<Action> {
        key_of(event).and_then(|key| self.action(key))
    }

    /// The keys bound to `action`, the one hints show first.
    pub fn keys(&self, action: Action) -> &[Key] {
        self.bindings
            .iter()
            .find(|(b, _)| Action::from(*b) == action)
            .map_or(&[], |(_, keys)| keys.as_slice())
    }

    /// Every bindable action with its keys, in help order.
    pub fn bindings(&self) -> impl Iterator<Item = (Bindable, &[Key])> {
        self.bindings.iter().map(|(b, keys)| (*b, keys.as_slice()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use ratatui::crossterm::event::KeyCode as EventCode;

    #[test]
    fn defaults_parse_and_bind_every_action() {
        let table: BTreeMap<String, Vec<String>> = toml::from_str(DEFAULTS).unwrap();
        for (name, keys) in &table {
            assert!(Bindable::from_name(name).is_some(), "unknown action {name}");
            for k in keys {
                Key::parse(k).unwrap();
            }
        }
        let map = Keymap::defaults();
        for b in Bindable::ALL {
            assert!(!map.keys(Action::from(b)).is_empty(), "{b} has no key");
        }
        // Every default key triggers exactly the action it is listed under.
        for (action, keys) in map.bindings() {
            for k in keys {
                assert_eq!(map.action(*k), Some(Action::from(action)), "{k}");
            }
        }
    }

    #[test]
    fn key_events_become_the_keys_bindings_name() {
        let map = Keymap::defaults();
        let event = |code, modifiers| KeyEvent::new(code, modifiers);
        let shifted_g = event(EventCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map.action_of(&shifted_g), Some(Action::Bottom));
        let ctrl_f = event(EventCode::Char('f'), KeyModifiers::CONTROL);
        assert_eq!(key_of(&ctrl_f), Key::parse("ctrl-f").ok());
        assert_eq!(map.action_of(&ctrl_f), Some(Action::PageDown));
        let back_tab = event(EventCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(map.action_of(&back_tab), Some(Action::PrevView));
        let f12 = event(EventCode::F(12), KeyModifiers::NONE);
        assert_eq!(key_of(&f12), Key::parse("f12").ok());
        assert_eq!(
            key_of(&event(EventCode::CapsLock, KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn an_override_replaces_the_action_and_steals_its_keys() {
        let config = Config::parse(
            "[briefing]\n[keys]\nquit = [\"x\"]\nhelp = [\"j\", \"?\"]\n",
            std::path::Path::new("briefing.toml"),
        )
        .unwrap();
        let map = Keymap::with_overrides(&config.keys);
        let x = Key::parse("x").unwrap();
        let q = Key::parse("q").unwrap();
        let j = Key::parse("j").unwrap();
        assert_eq!(map.action(x), Some(Action::Quit));
        assert_eq!(map.action(q), None);
        assert_eq!(map.action(j), Some(Action::Help));
        assert_eq!(map.keys(Action::Down), &[Key::parse("down").unwrap()]);
    }
}
