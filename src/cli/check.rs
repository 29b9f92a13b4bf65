//! `carepath check`: validate pathway files.
//!
//! (being written)
