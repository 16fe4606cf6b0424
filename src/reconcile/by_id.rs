//! Merging by identifier: mentions sharing a value in one namespace join,
//! and a set never takes in a second value in a namespace it holds one in.

use super::MatchReason;
use super::merges::Merges;
use super::union_find::{Id, Ids, UnionFind};
use crate::model::{Ingested, MentionId, SeatId};
use rustc_hash::FxHashMap as HashMap;

/// Where an identifier's namespace holds.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Scope {
    All,
    Seat(SeatId),
    /// A file no seat claims.
    File(u32),
}

/// The disjoint sets of `members` (a kind's mentions in canonical order),
/// each member its own set but where identifiers join them, with each join
/// in `merges`.
pub fn merge(ingested: &Ingested, members: &[MentionId], merges: &mut Merges) -> UnionFind {
    // Identifiers as numbers, the namespace by its symbol and the value by
    // its text: joined where a namespace and value recur, and kept per set
    // so different ones never join.
    let mut numbers: HashMap<&str, u32> = HashMap::default();
    let mut number = |text| {
        let next = numbers.len() as u32;
        *numbers.entry(text).or_insert(next)
    };
    // A bare `id` is the numbering of the system a seat reads, so it is
    // that seat's namespace: two seats whose systems both count from 1 say
    // nothing of each other's records, and two seats numbering one project
    // their own ways do not keep it apart. An id with a letter in it
    // (`T-1009`, `INV-12`, a UUID) names its system's record whoever
    // writes it, so it joins across seats as well. A named one
    // (`accelo_id`) is that system's in every seat.
    let bare = ingested.interner.get("id");
    let mut spaces: HashMap<(u32, Scope), u32> = HashMap::default();
    let mut space = |ns: u32, scope: Scope| {
        let next = spaces.len() as u32;
        *spaces.entry((ns, scope)).or_insert(next)
    };
    // Only the members with identifiers, by position: most have none. Each
    // has its identifiers as kept per set, and the keys it joins by, each
    // with the position of the identifier it comes from.
    let mut ids: Vec<(u32, Ids)> = Vec::new();
    let mut keys: Vec<(Id, u32, usize)> = Vec::new();
    for (i, &m) in members.iter().enumerate() {
        let mention = ingested.mention(m);
        let mut own = Ids::new();
        for (k, (ns, value)) in mention.ids().enumerate() {
            let (ns_number, value_number) = (ns.index() as u32, number(value));
            let scope = if Some(ns) == bare {
                let file = mention.file();
                if value.chars().any(char::is_alphabetic) {
                    keys.push(((space(ns_number, Scope::All), value_number), i as u32, k));
                }
                match ingested.files[file.index()].seat {
                    Some(seat) => Scope::Seat(seat),
                    None => Scope::File(file.index() as u32),
                }
            } else {
                Scope::All
            };
            let id = (space(ns_number, scope), value_number);
            own.push(id);
            keys.push((id, i as u32, k));
        }
        if !own.is_empty() {
            ids.push((i as u32, own));
        }
    }
    let mut first_with_id: HashMap<Id, u32> = HashMap::default();
    let mut joins = Vec::new();
    for (id, i, k) in keys {
        match first_with_id.get(&id) {
            Some(&first) if first != i => joins.push((first, i, k)),
            Some(_) => {}
            None => {
                first_with_id.insert(id, i);
            }
        }
    }
    drop(first_with_id);
    let mut uf = UnionFind::new(members.len(), ids);
    for (first, i, k) in joins {
        if uf.union(first, i) {
            let ns = ingested.mention(members[i as usize]).ids().nth(k);
            let (ns, _) = ns.expect("a join is made by one of the member's ids");
            merges.push(first, i, MatchReason::Id(ns));
        }
    }
    uf
}
