use super::*;
use proptest::prelude::*;

const SECOND: Micros = 1_000_000;

fn limit(per_second: u32, queue: u32) -> RateLimit {
    RateLimit { per_second, queue }
}

#[test]
fn unset_fields_fall_back_to_the_system_and_minus_one_is_off() {
    let none = LimitSettings::default();
    let system = LimitSettings {
        requests: Some(50),
        queue: Some(10),
    };
    assert_eq!(none.effective(none), None, "no limit anywhere: unlimited");
    assert_eq!(none.effective(system), Some(limit(50, 10)));
    let own = LimitSettings {
        requests: Some(5),
        queue: None,
    };
    assert_eq!(own.effective(system), Some(limit(5, 10)));
    assert_eq!(
        own.effective(none),
        Some(limit(5, 0)),
        "no queue: none waits"
    );
    let off = LimitSettings {
        requests: Some(OFF),
        queue: Some(3),
    };
    assert_eq!(
        off.effective(system),
        None,
        "off on the tenant beats the system"
    );
    let no_queue = LimitSettings {
        requests: Some(5),
        queue: Some(OFF),
    };
    assert_eq!(no_queue.effective(system), Some(limit(5, 0)));
}

#[test]
fn the_system_default_never_limits_the_management_tenant() {
    let system = LimitSettings {
        requests: Some(50),
        queue: Some(10),
    };
    let tenant = |management| LimitedTenant {
        tenant: crate::TenantId(1),
        settings: LimitSettings::default(),
        management,
    };
    assert_eq!(tenant(false).limit(system), Some(limit(50, 10)));
    assert_eq!(tenant(true).limit(system), None);
}

#[test]
fn values_outside_the_ranges_are_refused() {
    assert_eq!(parse_requests(-1), Ok(-1));
    assert_eq!(parse_requests(0), Err(LimitError::Requests));
    assert_eq!(parse_requests(100_000), Ok(100_000));
    assert_eq!(parse_requests(100_001), Err(LimitError::Requests));
    assert_eq!(parse_queue(0), Ok(0));
    assert_eq!(parse_queue(-2), Err(LimitError::Queue));
    assert_eq!(parse_queue(100_001), Err(LimitError::Queue));
}

#[test]
fn above_the_rate_requests_wait_in_the_queue_then_are_refused() {
    // 10 a second with 2 waiting: at one instant, one served, two wait 100 and 200 ms,
    // the fourth is refused until the first waiting one has been served.
    let l = limit(10, 2);
    let now = 1_000 * SECOND;
    let mut next = None;
    let mut waits = Vec::new();
    for _ in 0..3 {
        match l.admit(next, now) {
            Admission::Served {
                wait, next_free, ..
            } => {
                waits.push(wait);
                next = Some(next_free);
            }
            refused => panic!("refused too early: {refused:?}"),
        }
    }
    assert_eq!(waits, [0, SECOND / 10, 2 * SECOND / 10]);
    match l.admit(next, now) {
        Admission::Refused {
            retry_after, state, ..
        } => {
            assert_eq!(retry_after, SECOND / 10);
            assert_eq!(state.remaining, 0);
            assert_eq!(state.reset, 3 * SECOND / 10);
        }
        served => panic!("served beyond the queue: {served:?}"),
    }
    // A second later the backlog is gone: served at once, with the queue free again.
    match l.admit(next, now + SECOND) {
        Admission::Served { wait, state, .. } => {
            assert_eq!(wait, 0);
            assert_eq!(state.remaining, 2);
        }
        refused => panic!("{refused:?}"),
    }
}

#[test]
fn no_request_waits_beyond_the_cap_and_an_old_backlog_is_cut_to_the_limit_in_force() {
    // One a second with a thousand waiting would hold the last for 16 minutes.
    let slow = limit(1, 1_000);
    let now = 1_000 * SECOND;
    let mut next = None;
    let mut served = 0;
    while let Admission::Served {
        wait, next_free, ..
    } = slow.admit(next, now)
    {
        assert!(wait <= MAX_WAIT);
        next = Some(next_free);
        served += 1;
    }
    assert_eq!(served, 31, "at once, then 30 s of waiting");
    // The parent raises the rate: the old backlog counts as a full queue of the new limit,
    // refused for one interval (1 ms), not for the old backlog's 30 s.
    let fast = limit(1_000, 5);
    let cut = match fast.admit(next, now) {
        Admission::Refused {
            retry_after,
            next_free,
            ..
        } => {
            assert_eq!(retry_after, SECOND / 1_000);
            next_free
        }
        served => panic!("{served:?}"),
    };
    assert_eq!(
        cut,
        now + 6 * SECOND / 1_000,
        "kept as a full queue of the new limit"
    );
    match fast.admit(Some(cut), now + SECOND / 1_000) {
        Admission::Served { wait, .. } => assert_eq!(wait, 5 * SECOND / 1_000),
        refused => panic!("the old backlog still refuses: {refused:?}"),
    }
    // A clock stepped back by an hour refuses no longer either.
    match fast.admit(Some(now), now - 3_600 * SECOND) {
        Admission::Refused { retry_after, .. } => assert_eq!(retry_after, SECOND / 1_000),
        served => panic!("{served:?}"),
    }
}

proptest! {
    /// However requests arrive, no more are served in any span than the rate allows plus
    /// the queue's and the first one's places, and none waits longer than the queue.
    #[test]
    fn the_served_rate_never_exceeds_the_limit(
        per_second in 1u32..2_000,
        queue in 0u32..20,
        gaps in proptest::collection::vec(0i64..20_000, 1..400),
    ) {
        let l = limit(per_second, queue);
        let mut now = 0;
        let mut next = None;
        let mut served_at = Vec::new();
        for gap in gaps {
            now += gap;
            if let Admission::Served { wait, next_free, .. } = l.admit(next, now) {
                prop_assert!(wait <= Micros::from(queue) * l.interval());
                served_at.push(now + wait);
                next = Some(next_free);
            }
        }
        // Served instants are at least one interval apart.
        for pair in served_at.windows(2) {
            prop_assert!(pair[1] - pair[0] >= l.interval());
        }
    }
}
