//! The names a run reads over and over, each kept once: kinds, field names
//! and identifier namespaces. A mention holds its kind, and a field value
//! its name, as a 4-byte number instead of a string of its own, and equal
//! names compare as equal numbers.
//!
//! An [`Interner`] belongs to what it was filled for and is freed with it.
//! Each file is read with an interner of its own, so files are read in
//! parallel without sharing one; as a file is placed among the others, the
//! names its records use are moved into the run's interner, in file order,
//! so the numbers do not depend on which file was read first
//! ([`Interner::renumber_from`]).

use crate::id::typed_index;
use rustc_hash::FxHashMap;
use std::num::NonZeroU32;

typed_index! {
    /// A name interned in an [`Interner`], read back by indexing it:
    /// `&interner[symbol]`.
    pub struct Symbol(NonZeroU32, u32);
}

typed_index! {
    /// A field's canonical name (`due_date` for `Deadline`), the kind it
    /// refers to, if any, and the unit its key gives its values (`EUR` for
    /// `Budget (EUR)`), interned together in an [`Interner`]: read back
    /// through [`Interner::field`], [`Interner::refers_to`] and
    /// [`Interner::unit`].
    pub struct FieldName(NonZeroU32, u32);
}

/// A field's name, the kind it refers to (`client` for `client_id`), and
/// its unit.
type FieldPair = (Symbol, Option<Symbol>, Option<Symbol>);

/// Interned names and field names, numbered in the order first interned.
/// Names are few (a run has tens or hundreds), so each is kept twice, in
/// the list and as the key that finds it.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    strings: Vec<Box<str>>,
    symbols: FxHashMap<Box<str>, Symbol>,
    fields: Vec<FieldPair>,
    field_names: FxHashMap<FieldPair, FieldName>,
}

impl Interner {
    /// `text`'s symbol, interned now if it was not yet.
    pub fn intern(&mut self, text: &str) -> Symbol {
        if let Some(&symbol) = self.symbols.get(text) {
            return symbol;
        }
        let symbol = Symbol::new(self.strings.len());
        self.strings.push(text.into());
        self.symbols.insert(text.into(), symbol);
        symbol
    }

    /// `text`'s symbol, if it has been interned.
    pub fn get(&self, text: &str) -> Option<Symbol> {
        self.symbols.get(text).copied()
    }

    /// The field `field` that refers to kind `refers_to`, interned now if
    /// it was not yet.
    pub fn field_name(&mut self, field: Symbol, refers_to: Option<Symbol>) -> FieldName {
        self.field_name_in(field, refers_to, None)
    }

    /// [`Interner::field_name`] for a field whose values are in `unit`.
    pub fn field_name_in(
        &mut self,
        field: Symbol,
        refers_to: Option<Symbol>,
        unit: Option<Symbol>,
    ) -> FieldName {
        let fields = &mut self.fields;
        let key = (field, refers_to, unit);
        *self.field_names.entry(key).or_insert_with(|| {
            fields.push(key);
            FieldName::new(fields.len() - 1)
        })
    }

    /// The field's canonical name (`due_date` for `Deadline`).
    pub fn field(&self, name: FieldName) -> Symbol {
        self.fields[name.index()].0
    }

    /// `Some(kind)` when the field names another kind (`client: "Acme"`):
    /// its value is that entity's name and is compared by entity.
    pub fn refers_to(&self, name: FieldName) -> Option<Symbol> {
        self.fields[name.index()].1
    }

    /// The unit the field's key gives its values: a currency code (`EUR`)
    /// or `%`.
    pub fn unit(&self, name: FieldName) -> Option<Symbol> {
        self.fields[name.index()].2
    }

    /// How many names were interned.
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    /// Moves symbols and field names of `other` into this interner as they
    /// are asked for: only the names something still uses come over.
    pub fn renumber_from<'a>(&'a mut self, other: &'a Interner) -> Renumbering<'a> {
        Renumbering {
            symbols: vec![None; other.strings.len()],
            field_names: vec![None; other.fields.len()],
            from: other,
            into: self,
        }
    }
}

impl std::ops::Index<Symbol> for Interner {
    type Output = str;

    fn index(&self, symbol: Symbol) -> &str {
        &self.strings[symbol.index()]
    }
}

/// Symbols and field names of one interner, as another's: see
/// [`Interner::renumber_from`].
pub struct Renumbering<'a> {
    from: &'a Interner,
    into: &'a mut Interner,
    symbols: Vec<Option<Symbol>>,
    field_names: Vec<Option<FieldName>>,
}

impl Renumbering<'_> {
    /// `symbol` of the interner renumbered from, in the one renumbered into.
    pub fn symbol(&mut self, symbol: Symbol) -> Symbol {
        let slot = &mut self.symbols[symbol.index()];
        *slot.get_or_insert_with(|| self.into.intern(&self.from[symbol]))
    }

    /// `name` of the interner renumbered from, in the one renumbered into.
    pub fn field_name(&mut self, name: FieldName) -> FieldName {
        if let Some(renumbered) = self.field_names[name.index()] {
            return renumbered;
        }
        let (field, refers_to, unit) = self.from.fields[name.index()];
        let field = self.symbol(field);
        let refers_to = refers_to.map(|kind| self.symbol(kind));
        let unit = unit.map(|unit| self.symbol(unit));
        let renumbered = self.into.field_name_in(field, refers_to, unit);
        self.field_names[name.index()] = Some(renumbered);
        renumbered
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_interned_once_and_reads_back() {
        let mut interner = Interner::default();
        let project = interner.intern("project");
        let client = interner.intern("client");
        assert_eq!(interner.intern("project"), project);
        assert_ne!(project, client);
        assert_eq!(
            (&interner[project], &interner[client]),
            ("project", "client")
        );
        assert_eq!(interner.get("client"), Some(client));
        assert_eq!(interner.get("deal"), None);
        assert_eq!(interner.len(), 2);
    }

    #[test]
    fn a_field_name_holds_its_field_and_the_kind_it_refers_to() {
        let mut interner = Interner::default();
        let client_id = interner.intern("client_id");
        let client = interner.intern("client");
        let refers = interner.field_name(client_id, Some(client));
        let plain = interner.field_name(client_id, None);
        assert_ne!(refers, plain);
        assert_eq!(interner.field_name(client_id, Some(client)), refers);
        assert_eq!(
            (interner.field(refers), interner.refers_to(refers)),
            (client_id, Some(client))
        );
        assert_eq!(
            (interner.field(plain), interner.refers_to(plain)),
            (client_id, None)
        );
    }

    #[test]
    fn only_what_is_renumbered_comes_over() {
        let mut file = Interner::default();
        let record_key = file.intern("acme_corp_4417");
        let status = file.intern("status");
        let client = file.intern("client");
        let refers = file.field_name(client, Some(client));
        let mut run = Interner::default();
        let project = run.intern("project");
        let mut renumbering = run.renumber_from(&file);
        let status_in_run = renumbering.symbol(status);
        assert_eq!(renumbering.symbol(status), status_in_run, "once each");
        let refers_in_run = renumbering.field_name(refers);
        assert_eq!(&run[status_in_run], "status");
        assert_eq!(&run[run.field(refers_in_run)], "client");
        assert_eq!(run.refers_to(refers_in_run), run.get("client"));
        assert_eq!(run.get("project"), Some(project));
        assert_eq!(run.get(&file[record_key]), None, "never asked for");
        assert_eq!(size_of::<Option<Symbol>>(), size_of::<u32>());
        assert_eq!(size_of::<Option<FieldName>>(), size_of::<u32>());
    }
}
