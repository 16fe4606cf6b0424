//! Which seat is authoritative for a fact: the most specific `owns` pattern
//! wins; `not_owns` and shadow seats never own.

use crate::config::Seat;
use crate::model::SeatId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    One(SeatId),
    /// Several seats own the fact at the same specificity.
    Many(Vec<SeatId>),
    None,
}

impl Owner {
    pub fn seat(&self) -> Option<SeatId> {
        match self {
            Owner::One(s) => Some(*s),
            _ => None,
        }
    }
}

pub fn owner_of(seats: &[Seat], kind: &str, field: &str) -> Owner {
    let mut best: Option<u8> = None;
    let mut owners: Vec<SeatId> = Vec::new();
    for (i, seat) in seats.iter().enumerate() {
        if seat.shadow || seat.not_owns.iter().any(|n| n.pattern.matches(kind, field)) {
            continue;
        }
        let Some(specificity) = seat
            .owns
            .iter()
            .filter(|o| o.pattern.matches(kind, field))
            .map(|o| o.pattern.specificity())
            .max()
        else {
            continue;
        };
        match best {
            Some(b) if specificity < b => {}
            Some(b) if specificity == b => owners.push(SeatId::new(i)),
            _ => {
                best = Some(specificity);
                owners = vec![SeatId::new(i)];
            }
        }
    }
    match owners.as_slice() {
        [] => Owner::None,
        [one] => Owner::One(*one),
        _ => Owner::Many(owners),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    fn seats(toml: &str) -> Vec<Seat> {
        Config::parse(&format!("[briefing]\n{toml}"), Path::new("b.toml"))
            .unwrap()
            .seats
    }

    #[test]
    fn most_specific_pattern_wins() {
        let seats = seats(
            r#"
[[seat]]
name = "broad"
owns = ["*.*"]
[[seat]]
name = "kind"
owns = ["project.*"]
[[seat]]
name = "field"
owns = ["*.due_date"]
[[seat]]
name = "exact"
owns = ["project.status"]
"#,
        );
        assert_eq!(
            owner_of(&seats, "project", "status"),
            Owner::One(SeatId::new(3))
        );
        assert_eq!(
            owner_of(&seats, "project", "due_date"),
            Owner::One(SeatId::new(1))
        );
        assert_eq!(
            owner_of(&seats, "deal", "due_date"),
            Owner::One(SeatId::new(2))
        );
        assert_eq!(
            owner_of(&seats, "deal", "amount"),
            Owner::One(SeatId::new(0))
        );
    }

    #[test]
    fn ties_not_owns_and_shadow() {
        let seats = seats(
            r#"
[[seat]]
name = "a"
owns = ["campaign.budget", "project.*"]
not_owns = ["project.budget"]
[[seat]]
name = "b"
owns = ["campaign.budget"]
[[seat]]
name = "trial"
owns = ["project.budget"]
shadow = true
"#,
        );
        assert_eq!(
            owner_of(&seats, "campaign", "budget"),
            Owner::Many(vec![SeatId::new(0), SeatId::new(1)])
        );
        assert_eq!(owner_of(&seats, "project", "budget"), Owner::None);
        assert_eq!(
            owner_of(&seats, "project", "status"),
            Owner::One(SeatId::new(0))
        );
    }
}
