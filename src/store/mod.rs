//! Files on disk: reading pathways with clear errors, the library folder,
//! the built-in examples, configuration and themes.

pub mod load;
