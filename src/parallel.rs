//! Order-preserving parallel map over a slice, on scoped threads (one per
//! core): loading a big corpus is many independent per-file and per-clause
//! steps.

/// `items.iter().map(f).collect()`, computed on up to one thread per core
/// (at most eight) in contiguous parts; the results keep `items`' order.
/// A panic in `f` is resumed on the calling thread.
pub fn map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    map_on(items, cores(8), f)
}

/// The cores this process may use, at most `max` (1 when unknown).
pub fn cores(max: usize) -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(max))
}

/// [`map`] on exactly `workers` threads (fewer when there are fewer items).
pub fn map_on<'a, T: Sync, R: Send>(
    items: &'a [T],
    workers: usize,
    f: impl Fn(&'a T) -> R + Sync,
) -> Vec<R> {
    if workers < 2 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    let per_worker = items.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(per_worker)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(results) => results,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_for_any_number_of_workers() {
        let items: Vec<u32> = (0..1001).collect();
        let expected: Vec<u64> = items.iter().map(|&x| u64::from(x) * 3).collect();
        for workers in [0, 1, 2, 3, 7, 64, 2000] {
            assert_eq!(map_on(&items, workers, |&x| u64::from(x) * 3), expected);
        }
        assert!(map_on(&[] as &[u32], 4, |&x| x).is_empty());
    }

    #[test]
    fn a_panic_reaches_the_caller() {
        let items: Vec<u32> = (0..100).collect();
        let caught = std::panic::catch_unwind(|| {
            map_on(&items, 4, |&x| {
                assert!(x != 77, "boom");
                x
            })
        });
        assert!(caught.is_err());
    }
}
