//! The budget of one document: how much processor time and memory reading
//! it may take. The work stops itself (cooperative cancellation): every
//! loop whose length the input decides calls [`check`] once per iteration,
//! and ends early when it returns true; the caller then sees
//! [`Budget::exceeded`] and throws the partial result away. Nothing is
//! killed from outside, so a document over its budget releases its thread
//! and its memory within a fraction of a second.
//!
//! **Time** is the processor time of the thread reading the document
//! (`CLOCK_THREAD_CPUTIME_ID`; wall time since [`Budget::enter`] where
//! there is no such clock), so a document is never charged for the time
//! other documents, or other programs, kept the processor busy.
//!
//! **Memory** is counted by [`MeteredAllocator`], which a program installs
//! as its global allocator: it keeps, per thread, the bytes allocated and
//! not yet freed. A document's use is that count less the count when it
//! began, so memory handed to other threads (the finished report) stops
//! counting once it is freed there, and memory the thread held before is
//! not charged. Without the allocator installed (library tests, fuzzing)
//! only the explicit [`fits`] checks of the decoders hold the limit.
//! Decoders and growing buffers ask [`fits`] before a large allocation, so
//! a single allocation cannot overshoot the budget; everything else grows
//! in small steps between two checks.
//!
//! [`check`] is cheap (two thread-local reads and a comparison; the memory
//! count is looked at every [`LOOK_EVERY`] calls, the clock every
//! [`CLOCK_EVERY`]), so a check per glyph, per object or
//! per table row costs nothing measurable.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicI64, AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Which limit a document ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    /// Its processor time (or it was cancelled).
    Time,
    /// Its memory.
    Memory,
}

impl std::fmt::Display for Exceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Exceeded::Time => "time budget",
            Exceeded::Memory => "memory budget",
        })
    }
}

const RUNNING: u8 = 0;
const TIME: u8 = 1;
const MEMORY: u8 = 2;

/// Calls of [`check`] between two readings of the clock.
pub const CLOCK_EVERY: u32 = 256;

struct Inner {
    time: Option<Duration>,
    memory: Option<usize>,
    state: AtomicU8,
    /// Checks made so far: the document's heartbeat, for a scheduler that
    /// wants to know whether the work still reaches its checks.
    beats: AtomicU64,
    /// Bytes of the document's thread in use when it entered, and the
    /// highest use seen since (both in bytes, set on that thread).
    baseline: AtomicI64,
    peak: AtomicU64,
}

/// The limits of one document; cheap to clone (all clones are one budget).
#[derive(Clone)]
pub struct Budget {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Budget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Budget")
            .field("time", &self.inner.time)
            .field("memory", &self.inner.memory)
            .field("exceeded", &self.exceeded())
            .finish()
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new(None, None)
    }
}

thread_local! {
    /// The budget the thread works under (null: none).
    static CURRENT: Cell<*const Inner> = const { Cell::new(std::ptr::null()) };
    /// Processor time of the thread when the current budget was entered.
    static STARTED: Cell<Option<Duration>> = const { Cell::new(None) };
    /// Calls of `check` since the clock was last read.
    static TICKS: Cell<u32> = const { Cell::new(0) };
    /// Bytes allocated on this thread and not freed (by this thread);
    /// kept by [`MeteredAllocator`]. May go negative: memory allocated
    /// elsewhere can be freed here.
    static LIVE: Cell<isize> = const { Cell::new(0) };
    /// The highest `LIVE` since the current budget was entered.
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

impl Budget {
    /// A budget of `time` processor time and `memory` bytes (`None`: no limit).
    pub fn new(time: Option<Duration>, memory: Option<usize>) -> Budget {
        Budget {
            inner: Arc::new(Inner {
                time,
                memory,
                state: AtomicU8::new(RUNNING),
                beats: AtomicU64::new(0),
                baseline: AtomicI64::new(0),
                peak: AtomicU64::new(0),
            }),
        }
    }

    /// The memory limit in bytes, if any.
    pub fn memory_limit(&self) -> Option<usize> {
        self.inner.memory
    }

    /// The time limit, if any.
    pub fn time_limit(&self) -> Option<Duration> {
        self.inner.time
    }

    /// Makes this the budget of the calling thread until the guard is
    /// dropped; its clock and memory count start now. Budgets nest: the
    /// inner one counts from its own start, the outer one resumes after.
    pub fn enter(&self) -> Entered {
        let previous = CURRENT.with(|c| c.replace(Arc::as_ptr(&self.inner)));
        let previous_start = STARTED.with(|s| s.replace(Some(thread_time())));
        let previous_peak = PEAK.with(Cell::get);
        let live = LIVE.with(Cell::get);
        PEAK.with(|p| p.set(live));
        self.inner.baseline.store(live as i64, Ordering::Relaxed);
        self.beat();
        Entered {
            budget: self.clone(),
            previous,
            previous_start,
            previous_peak,
        }
    }

    /// Stops the work from outside (another thread): the next [`check`]
    /// on the document's thread returns true and it counts as over time.
    pub fn cancel(&self) {
        let _ =
            self.inner
                .state
                .compare_exchange(RUNNING, TIME, Ordering::Relaxed, Ordering::Relaxed);
    }

    /// The limit the document ran into, once it has.
    pub fn exceeded(&self) -> Option<Exceeded> {
        match self.inner.state.load(Ordering::Relaxed) {
            TIME => Some(Exceeded::Time),
            MEMORY => Some(Exceeded::Memory),
            _ => None,
        }
    }

    /// The document's heartbeat: a number that changes whenever its thread
    /// reaches a check (or enters the budget). A scheduler that sees it
    /// stand still for long knows the work is stuck where it cannot stop.
    pub fn beats(&self) -> u64 {
        self.inner.beats.load(Ordering::Relaxed)
    }

    /// The most memory the document had in use at once, in bytes (known
    /// with [`MeteredAllocator`] installed; updated when the guard drops).
    pub fn peak_memory(&self) -> u64 {
        self.inner.peak.load(Ordering::Relaxed)
    }

    fn beat(&self) {
        self.inner.beats.fetch_add(1, Ordering::Relaxed);
    }
}

/// While alive, a [`Budget`] is the calling thread's budget.
pub struct Entered {
    budget: Budget,
    previous: *const Inner,
    previous_start: Option<Duration>,
    previous_peak: isize,
}

impl Drop for Entered {
    fn drop(&mut self) {
        let peak = PEAK.with(Cell::get);
        let baseline = self.budget.inner.baseline.load(Ordering::Relaxed) as isize;
        let used = u64::try_from(peak.saturating_sub(baseline)).unwrap_or(0);
        self.budget.inner.peak.fetch_max(used, Ordering::Relaxed);
        CURRENT.with(|c| c.set(self.previous));
        STARTED.with(|s| s.set(self.previous_start));
        PEAK.with(|p| p.set(self.previous_peak.max(peak)));
    }
}

/// Processor time of the calling thread.
#[cfg(unix)]
fn thread_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec to write to; the call has no other
    // effect.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    if !ok {
        return wall_time();
    }
    Duration::new(
        u64::try_from(ts.tv_sec).unwrap_or(0),
        u32::try_from(ts.tv_nsec).unwrap_or(0),
    )
}

#[cfg(not(unix))]
fn thread_time() -> Duration {
    wall_time()
}

/// Wall time since the process's first reading (the stand-in clock).
fn wall_time() -> Duration {
    static ORIGIN: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed()
}

/// Bytes the current document has in use (0 without a budget or without
/// [`MeteredAllocator`]).
fn in_use(inner: &Inner) -> usize {
    let live = LIVE.with(Cell::get);
    let baseline = inner.baseline.load(Ordering::Relaxed) as isize;
    usize::try_from(live.saturating_sub(baseline)).unwrap_or(0)
}

fn with_current<T>(none: T, f: impl FnOnce(&Inner) -> T) -> T {
    let ptr = CURRENT.with(Cell::get);
    if ptr.is_null() {
        return none;
    }
    // SAFETY: a non-null CURRENT was set by `Budget::enter` from an `Arc`
    // that the `Entered` guard keeps alive until it resets CURRENT, on this
    // same thread.
    f(unsafe { &*ptr })
}

/// Whether the calling thread's document must stop (its budget is used up
/// or it was cancelled); false when the thread has no budget. Call it once
/// per iteration of any loop whose length the input decides; once true it
/// stays true.
///
/// Called per glyph and per operator, it was over 1 % of a batch's
/// processor time: the common case (budget running, not a
/// [`LOOK_EVERY`]-th call) is now two thread-local reads, an atomic load
/// and the heartbeat's store, inlined; the memory count is looked at
/// every [`LOOK_EVERY`] calls, the clock every [`CLOCK_EVERY`].
#[inline]
pub fn check() -> bool {
    let ptr = CURRENT.with(Cell::get);
    if ptr.is_null() {
        return false;
    }
    // SAFETY: a non-null CURRENT was set by `Budget::enter` from an `Arc`
    // that the `Entered` guard keeps alive until it resets CURRENT, on this
    // same thread.
    let inner = unsafe { &*ptr };
    if inner.state.load(Ordering::Relaxed) != RUNNING {
        return true;
    }
    let tick = TICKS.with(|t| {
        let n = t.get().wrapping_add(1);
        t.set(n);
        n
    });
    // The heartbeat moves on every check, so that a scheduler's "stuck"
    // means what it always meant.
    inner.beats.store(u64::from(tick), Ordering::Relaxed);
    if !tick.is_multiple_of(LOOK_EVERY) {
        return false;
    }
    look(inner, tick)
}

/// Calls of [`check`] between two looks at the memory count (a divisor
/// of [`CLOCK_EVERY`]); between two, a document grows by a few small
/// allocations at most, and large ones ask [`fits`] first.
pub const LOOK_EVERY: u32 = 16;

/// The part of [`check`] made every [`LOOK_EVERY`] calls: memory, and
/// (every [`CLOCK_EVERY`] calls) the clock.
#[cold]
#[inline(never)]
fn look(inner: &Inner, tick: u32) -> bool {
    if let Some(limit) = inner.memory {
        if in_use(inner) > limit {
            inner.state.store(MEMORY, Ordering::Relaxed);
            return true;
        }
    }
    if !tick.is_multiple_of(CLOCK_EVERY) {
        return false;
    }
    if let (Some(limit), Some(start)) = (inner.time, STARTED.with(Cell::get)) {
        if thread_time().saturating_sub(start) > limit {
            inner.state.store(TIME, Ordering::Relaxed);
            return true;
        }
    }
    false
}

/// The limit the calling thread's document ran into, if any.
pub fn exceeded() -> Option<Exceeded> {
    with_current(None, |inner| match inner.state.load(Ordering::Relaxed) {
        TIME => Some(Exceeded::Time),
        MEMORY => Some(Exceeded::Memory),
        _ => None,
    })
}

/// Whether `bytes` more may be allocated for the current document: false
/// (and the document counts as over its memory budget) when they would
/// take it past its limit. Always true without a budget.
pub fn fits(bytes: usize) -> bool {
    with_current(true, |inner| {
        let Some(limit) = inner.memory else {
            return true;
        };
        if in_use(inner).saturating_add(bytes) > limit {
            inner.state.store(MEMORY, Ordering::Relaxed);
            return false;
        }
        true
    })
}

/// Bytes the current document may still allocate (`usize::MAX` without a
/// memory limit).
pub fn memory_left() -> usize {
    with_current(usize::MAX, |inner| match inner.memory {
        Some(limit) => limit.saturating_sub(in_use(inner)),
        None => usize::MAX,
    })
}

/// The system allocator, counting per thread the bytes in use, so that a
/// [`Budget`] knows its document's memory. Install it in a program with
/// `#[global_allocator] static A: MeteredAllocator = MeteredAllocator;`.
pub struct MeteredAllocator;

#[inline]
fn count(delta: isize) {
    // A thread being torn down may have lost its locals; nothing to count.
    let _ = LIVE.try_with(|live| {
        let now = live.get().wrapping_add(delta);
        live.set(now);
        let _ = PEAK.try_with(|peak| {
            if now > peak.get() {
                peak.set(now);
            }
        });
    });
}

// SAFETY: every call is passed on to `System` unchanged; the counting
// touches only thread-local integers and never allocates.
unsafe impl GlobalAlloc for MeteredAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is System's.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            count(layout.size() as isize);
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            count(layout.size() as isize);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_budget_nothing_stops() {
        assert!(!check());
        assert!(fits(usize::MAX));
        assert_eq!(memory_left(), usize::MAX);
    }

    #[test]
    fn a_cancelled_budget_stops_its_thread_and_stays_stopped() {
        let budget = Budget::new(None, None);
        let other = budget.clone();
        let guard = budget.enter();
        assert!(!check());
        other.cancel();
        assert!(check());
        assert!(check());
        drop(guard);
        assert!(!check(), "the thread has no budget any more");
        assert_eq!(budget.exceeded(), Some(Exceeded::Time));
    }

    #[test]
    fn processor_time_runs_out() {
        let budget = Budget::new(Some(Duration::from_millis(20)), None);
        let _guard = budget.enter();
        let started = Instant::now();
        let mut spins = 0u64;
        while !check() {
            spins = spins.wrapping_add(1);
            assert!(started.elapsed() < Duration::from_secs(30), "never stopped");
        }
        assert_eq!(budget.exceeded(), Some(Exceeded::Time));
        assert!(spins > 0);
    }

    #[test]
    fn a_large_allocation_does_not_fit_a_small_budget() {
        let budget = Budget::new(None, Some(1 << 20));
        let _guard = budget.enter();
        assert!(fits(1000));
        assert!(memory_left() <= 1 << 20);
        assert!(!fits(2 << 20));
        assert_eq!(budget.exceeded(), Some(Exceeded::Memory));
        assert!(check());
    }

    #[test]
    fn budgets_nest() {
        let outer = Budget::new(None, None);
        let _o = outer.enter();
        {
            let inner = Budget::new(None, None);
            let _i = inner.enter();
            inner.cancel();
            assert!(check());
        }
        assert!(!check(), "the outer budget is not the inner one");
    }
}
