//! Background work, written once: a job runs on its own thread, reports progress,
//! can be cancelled, and hands back one result. Loading a file, the file dialog and
//! large searches all use it, and so does every later background task, so that
//! each treats cancelling, a finished result and a vanished worker the same way.
//!
//! Nothing here knows about egui: whoever starts a job passes a `wake` function
//! (in the app, a repaint request) that the worker calls when its result is ready.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What a worker sees of its job: whether to stop, and where to report progress.
#[derive(Clone, Debug, Default)]
pub struct JobControl {
    cancelled: Arc<AtomicBool>,
    progress: Arc<AtomicU64>,
}

impl JobControl {
    /// Whether the job was cancelled; a worker checks this often and gives up.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Records how far the work has come, in the job's own unit (bytes, rows…).
    pub fn set_progress(&self, done: u64) {
        self.progress.store(done, Ordering::Relaxed);
    }
}

/// The state of a job, as the UI thread sees it once per frame.
#[derive(Debug, PartialEq)]
pub enum JobStatus<T> {
    /// Still working.
    Running,
    /// Finished with this result.
    Done(T),
    /// Ended without a result: cancelled, or its worker stopped.
    Gone,
}

/// A piece of work running on another thread. Dropping the job cancels it.
#[derive(Debug)]
pub struct Job<T> {
    control: JobControl,
    receiver: Receiver<T>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a thread named `name`. The work returns `None` when it gave
    /// up (on cancel); a result is sent back and `wake` is called, unless the job
    /// was cancelled meanwhile.
    pub fn spawn(
        name: &str,
        wake: impl Fn() + Send + 'static,
        work: impl FnOnce(&JobControl) -> Option<T> + Send + 'static,
    ) -> std::io::Result<Self> {
        let control = JobControl::default();
        let (sender, receiver) = channel();
        let worker = control.clone();
        std::thread::Builder::new()
            .name(format!("frontline-{name}"))
            .spawn(move || {
                if let Some(result) = work(&worker)
                    && !worker.is_cancelled()
                    && sender.send(result).is_ok()
                {
                    wake();
                }
            })?;
        Ok(Self { control, receiver })
    }
}

impl<T> Job<T> {
    /// Asks the worker to stop; its result, if any, is thrown away.
    pub fn cancel(&self) {
        self.control.cancelled.store(true, Ordering::Relaxed);
    }

    /// How far the work has come, as the worker last reported it.
    pub fn progress(&self) -> u64 {
        self.control.progress.load(Ordering::Relaxed)
    }

    /// Looks for the result without waiting.
    pub fn poll(&self) -> JobStatus<T> {
        match self.receiver.try_recv() {
            Ok(result) => JobStatus::Done(result),
            Err(TryRecvError::Empty) => JobStatus::Running,
            Err(TryRecvError::Disconnected) => JobStatus::Gone,
        }
    }

    /// Waits for the result (for tests and the command line); `None` when the job
    /// ended without one.
    pub fn wait(&self) -> Option<T> {
        self.receiver.recv().ok()
    }
}

impl<T> Drop for Job<T> {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// Work over fewer items than this is done at once, on the frame that asks.
pub const INLINE_LIMIT: usize = 50_000;

/// A value worked out from an input that `K` identifies (a load's generation
/// and a filter, say): kept while the key holds; when a new key is asked for,
/// worked out at once if the work is small, else on its own thread, the last
/// value staying readable meanwhile and the work for an older key dropped (its
/// job cancelled). Every derived cache of the app is one of these.
#[derive(Debug)]
pub struct Derived<K, T> {
    value: Option<(K, T)>,
    pending: Option<(K, Job<T>)>,
}

impl<K, T> Default for Derived<K, T> {
    fn default() -> Self {
        Self {
            value: None,
            pending: None,
        }
    }
}

impl<K: PartialEq + Clone, T: Send + 'static> Derived<K, T> {
    /// The value worked out for `key`, if it is ready.
    pub fn current(&self, key: &K) -> Option<&T> {
        self.value
            .as_ref()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// The last value worked out, for whatever key, with its key.
    pub fn latest(&self) -> Option<(&K, &T)> {
        self.value.as_ref().map(|(k, v)| (k, v))
    }

    /// Whether `key` needs work started: no value for it, none on the way.
    pub fn wants(&self, key: &K) -> bool {
        self.current(key).is_none() && self.pending.as_ref().is_none_or(|(k, _)| k != key)
    }

    /// Whether work runs in the background.
    pub fn is_busy(&self) -> bool {
        self.pending.is_some()
    }

    /// Forgets the value and drops any work; true when there was something.
    pub fn clear(&mut self) -> bool {
        let had = self.value.is_some() || self.pending.is_some();
        self.value = None;
        self.pending = None;
        had
    }

    /// Brings the value up to date with `key`: nothing to do when it is for
    /// `key` already; the running job's result taken when it is done; else
    /// `work` run at once when `inline`, or started on a thread named `name`
    /// that calls `wake` when done. Returns true when the value changed.
    pub fn update(
        &mut self,
        key: &K,
        inline: bool,
        name: &str,
        wake: impl Fn() + Send + 'static,
        work: impl FnOnce(&JobControl) -> Option<T> + Send + 'static,
    ) -> bool {
        if self.current(key).is_some() {
            self.pending = None;
            return false;
        }
        if let Some((wanted, job)) = &self.pending
            && wanted == key
        {
            return match job.poll() {
                JobStatus::Done(value) => {
                    self.value = Some((key.clone(), value));
                    self.pending = None;
                    true
                }
                JobStatus::Running => false,
                JobStatus::Gone => {
                    self.pending = None;
                    false
                }
            };
        }
        if inline {
            self.pending = None;
            return match work(&JobControl::default()) {
                Some(value) => {
                    self.value = Some((key.clone(), value));
                    true
                }
                None => false,
            };
        }
        // A job that cannot start leaves the last value readable.
        self.pending = Job::spawn(name, wake, work)
            .ok()
            .map(|job| (key.clone(), job));
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn a_derived_value_is_kept_per_key_and_a_newer_key_drops_older_work() {
        let mut derived: Derived<u32, u32> = Derived::default();
        assert!(derived.update(&1, true, "test", || {}, |_| Some(10)));
        assert_eq!(derived.current(&1), Some(&10));
        assert!(
            !derived.update(&1, true, "test", || {}, |_| Some(99)),
            "kept"
        );
        // Key 2 in the background, blocked; key 3 asked for meanwhile.
        let (release, gate) = channel::<()>();
        assert!(!derived.update(
            &2,
            false,
            "test",
            || {},
            move |control| {
                let _ = gate.recv();
                (!control.is_cancelled()).then_some(20)
            }
        ));
        assert!(derived.is_busy());
        assert_eq!(derived.current(&2), None);
        assert_eq!(
            derived.latest(),
            Some((&1, &10)),
            "the last value stays readable"
        );
        assert!(!derived.update(&3, false, "test", || {}, |_| Some(30)));
        let _ = release.send(());
        for _ in 0..200 {
            if derived.update(&3, false, "test", || {}, |_| Some(30)) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(derived.current(&3), Some(&30));
        assert_eq!(derived.current(&2), None, "key 2's work was dropped");
        assert!(!derived.is_busy());
        assert!(derived.clear());
        assert_eq!(derived.latest(), None);
    }

    #[test]
    fn a_finished_job_hands_back_its_result_and_wakes_the_ui() {
        let woken = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&woken);
        let job = Job::spawn(
            "test",
            move || {
                counter.fetch_add(1, Ordering::Relaxed);
            },
            |control| {
                control.set_progress(42);
                Some(7)
            },
        )
        .expect("thread starts");
        assert_eq!(job.wait(), Some(7));
        assert_eq!(job.progress(), 42);
        // The worker wakes the UI after sending; give it a moment to return.
        for _ in 0..100 {
            if woken.load(Ordering::Relaxed) == 1 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(woken.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn a_cancelled_job_ends_without_a_result() {
        let (release, gate) = channel::<()>();
        let job: Job<u32> = Job::spawn(
            "test",
            || {},
            move |control| {
                let _ = gate.recv();
                (!control.is_cancelled()).then_some(1)
            },
        )
        .expect("thread starts");
        assert_eq!(job.poll(), JobStatus::Running);
        job.cancel();
        let _ = release.send(());
        assert_eq!(job.wait(), None);
        assert_eq!(job.poll(), JobStatus::Gone);
    }
}
