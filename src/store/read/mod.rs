//! Reading one pathway file: the limits every file is held to before a
//! parser sees it, the typed reading with problems placed at their line
//! and column, and the sentences that tell people what is wrong.

mod chunked;
pub mod input;
pub mod load;
pub mod messages;
pub mod outline;
mod serde_words;
