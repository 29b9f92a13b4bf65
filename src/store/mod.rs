//! Files on disk, in modules by concern: reading a pathway file with clear
//! errors ([`read`]), keeping people's work ([`persist`]), the people
//! working on a library ([`team`]), the library itself ([`library`]), and
//! what they all stand on: the configuration, git, the one way files are
//! opened ([`safe_open`]) and the shared `.carepath/` folder. The YAML
//! text layer, which keeps comments and layout, is below the store, in
//! [`crate::text::yaml`].

pub mod config;
pub mod git;
pub mod library;
pub mod persist;
pub mod read;
pub mod safe_open;
pub mod shared;
pub mod team;
