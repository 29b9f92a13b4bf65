//! The people working on one library: who is running carepath, who they
//! are to the workshop, who else is here right now, sign-offs and their
//! signatures, suggestions turned down, and the watch that shows one
//! person's save to everyone else.

pub mod identity;
pub mod people;
pub mod presence;
pub mod records;
pub mod rejections;
pub mod signing;
pub mod verify;
pub mod watch;
