//! Where memory comes from: the system's allocator, or mimalloc once a
//! command that reads thousands of files asks for it.
//!
//! `carepath check` of a whole library parses every file on every core,
//! making and dropping millions of small strings; mimalloc does that work
//! in about a fifth less time than the system's allocator. Everything else
//! (the app, `diff`, `merge`) keeps the system's, whose peak memory on a
//! large merge is lower. Each block goes back to the allocator it came
//! from, whichever is in use by then: mimalloc knows its own regions.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

use mimalloc::MiMalloc;

/// Whether new blocks come from mimalloc.
static MANY_SMALL: AtomicBool = AtomicBool::new(false);

/// The allocator the program is built with (`#[global_allocator]`).
pub struct Chosen;

/// From now on, new blocks come from mimalloc. For a command about to
/// read many files at once; it cannot be undone.
pub fn for_many_small_blocks() {
    MANY_SMALL.store(true, Ordering::Relaxed);
}

/// From now on, blocks of 128 KiB and more are pages of their own, given
/// back as soon as they are let go of. For a command that reads a few
/// long files (`diff`, `merge`): glibc otherwise raises that size to the
/// largest block freed so far, and blocks below it are made in the heap,
/// where a long text read and let go of leaves room that counts in the
/// process' memory until it ends.
pub fn for_few_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: sets one of glibc's allocator settings, before this
    // command's threads start; it changes where blocks come from, never a
    // block already given.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// Gives the pages of the system allocator's free room back to the
/// system. For `diff` and `merge`, between the stages of their work: what
/// one stage let go of (a version's reading, a version no longer needed)
/// is many small blocks, which glibc keeps in its heap, counted in the
/// process' memory, until the process ends, though the next stage needs
/// less or other room. A few milliseconds for a long merge.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: asks glibc to return the whole free pages it holds; no block
    // in use moves or changes.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Whether `ptr` is a block mimalloc gave.
fn from_mimalloc(ptr: *mut u8) -> bool {
    // SAFETY: only looks the address up in mimalloc's map of its own
    // pages; it reads nothing at the address and is false before mimalloc
    // has given out anything.
    unsafe { libmimalloc_sys::mi_is_in_heap_region(ptr.cast()) }
}

// SAFETY: every call goes to one of two allocators that each uphold the
// `GlobalAlloc` contract, and a block is always freed or resized by the
// allocator that gave it.
unsafe impl GlobalAlloc for Chosen {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if MANY_SMALL.load(Ordering::Relaxed) {
            unsafe { MiMalloc.alloc(layout) }
        } else {
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if MANY_SMALL.load(Ordering::Relaxed) {
            unsafe { MiMalloc.alloc_zeroed(layout) }
        } else {
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if from_mimalloc(ptr) {
            unsafe { MiMalloc.dealloc(ptr, layout) }
        } else {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if from_mimalloc(ptr) {
            unsafe { MiMalloc.realloc(ptr, layout, new_size) }
        } else {
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_goes_back_to_the_allocator_that_gave_it() {
        let small = Layout::from_size_align(64, 8).unwrap();
        let grown = Layout::from_size_align(4096, 8).unwrap();
        // SAFETY: each block is freed once, with the layout it has.
        unsafe {
            let before = Chosen.alloc(small);
            for_many_small_blocks();
            let after = Chosen.alloc(small);
            assert!(!from_mimalloc(before));
            assert!(from_mimalloc(after));
            // A system block stays the system's when it grows.
            let before = Chosen.realloc(before, small, grown.size());
            assert!(!from_mimalloc(before));
            Chosen.dealloc(before, grown);
            Chosen.dealloc(after, small);
        }
    }
}
