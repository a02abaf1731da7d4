use super::*;
use crate::config::Config;
use crate::insight::{Contact, Histories, PersonFacts, evaluate};
use crate::model::{Direction, Kind, Size};

const TODAY: i64 = 20_000;

/// People 1..=n; `meets[i]` meetings with person i+1 over the last months (0: a paper tie);
/// `archived` ids archived.
fn network(meets: &[usize], archived: &[i64]) -> Network {
    let people = (1..=meets.len() as i64)
        .map(|id| PersonFacts {
            id,
            family: false,
            archived: archived.contains(&id),
            cadence_days: None,
            imported: true,
            on_call: false,
        })
        .collect();
    let mut contacts = Vec::new();
    for (i, &count) in meets.iter().enumerate() {
        for k in 0..count {
            contacts.push((
                i as i64 + 1,
                Contact {
                    day: (TODAY - 5 - 20 * k as i64) as i32,
                    kind: Kind::Meet,
                    direction: Direction::Mutual,
                    size: Size::Small,
                },
            ));
        }
    }
    evaluate(
        &Histories::from_parts(people, contacts),
        &Config::default(),
        TODAY,
    )
}

fn graph(people: usize, links: &[(i64, i64)]) -> LinkGraph {
    let ids: Vec<PersonId> = (1..=people as i64).collect();
    LinkGraph::new(&ids, links.iter().copied())
}

/// Paths as ids, in rank order.
fn paths(intros: &Intros, network: &Network) -> Vec<Vec<PersonId>> {
    intros
        .paths
        .iter()
        .map(|p| p.path.iter().map(|&i| network.figures[i].id).collect())
        .collect()
}

#[test]
fn a_path_runs_from_someone_to_ask_to_the_target() {
    // 1 knows 2, 2 knows 3 (the target, a stranger).
    let net = network(&[3, 1, 0], &[]);
    let intros = find_intros(&graph(3, &[(1, 2), (2, 3)]), &net, &[2], 100);
    assert!(intros.direct.is_empty(), "you are not in touch with 3");
    assert_eq!(paths(&intros, &net), [vec![1, 2, 3], vec![2, 3]]);
    assert_eq!(intros.paths[0].hops(), 2);
}

#[test]
fn targets_you_know_are_direct_warmest_first() {
    let net = network(&[1, 4, 0], &[]);
    let intros = find_intros(&graph(3, &[]), &net, &[0, 1, 2], 100);
    assert_eq!(intros.direct, [1, 0], "the paper tie 3 is no direct tie");
    assert!(intros.paths.is_empty());
}

#[test]
fn cycles_do_not_loop_and_no_path_is_empty() {
    // 1-2-4-1 is a cycle (4 a paper tie); 3 is linked to no one.
    let net = network(&[2, 2, 0, 0], &[]);
    let cyclic = graph(4, &[(1, 2), (2, 4), (4, 1)]);
    let intros = find_intros(&cyclic, &net, &[2], 100);
    assert!(intros.paths.is_empty(), "no one reaches 3");
    let intros = find_intros(&cyclic, &net, &[3], 100);
    let found = paths(&intros, &net);
    assert_eq!(found.len(), 2, "1 and 2 each once: {found:?}");
    assert!(found.iter().all(|p| p.len() == 2));
}

#[test]
fn several_equal_paths_resolve_through_the_warmer_one_each_person_once() {
    // 1 knows 2 and 3; both know 4. 3 is warmer than 2.
    let net = network(&[5, 1, 3, 0], &[]);
    let intros = find_intros(
        &graph(4, &[(1, 2), (1, 3), (2, 4), (3, 4)]),
        &net,
        &[3],
        100,
    );
    let found = paths(&intros, &net);
    assert_eq!(found, [vec![1, 3, 4], vec![3, 4], vec![2, 4]]);
}

#[test]
fn archived_people_are_never_asked_nor_passed_through() {
    // 1 reaches 4 only through 2 (archived); 3 is archived and knows 4 directly.
    let net = network(&[5, 3, 3, 0], &[2, 3]);
    let intros = find_intros(&graph(4, &[(1, 2), (2, 4), (3, 4)]), &net, &[3], 100);
    assert!(intros.paths.is_empty(), "{:?}", paths(&intros, &net));
    // An archived target is no target.
    let intros = find_intros(&graph(4, &[(1, 3)]), &net, &[2], 100);
    assert!(intros.paths.is_empty());
}

#[test]
fn paper_first_hops_rank_below_warm_ones_even_when_closer() {
    // 2 is a paper tie who knows the target 4 directly; 1 is warm, two links away.
    let net = network(&[4, 0, 1, 0], &[]);
    let intros = find_intros(&graph(4, &[(2, 4), (1, 3), (3, 4)]), &net, &[3], 100);
    let found = paths(&intros, &net);
    assert_eq!(found, [vec![1, 3, 4], vec![3, 4], vec![2, 4]]);
    assert!(intros.paths[2].first_is_paper);
}

#[test]
fn paths_stop_at_two_links() {
    // A chain 1-2-3-4-5: 1 is four links from 5, 2 three.
    let net = network(&[1, 1, 1, 1, 0], &[]);
    let intros = find_intros(
        &graph(5, &[(1, 2), (2, 3), (3, 4), (4, 5)]),
        &net,
        &[4],
        100,
    );
    let found = paths(&intros, &net);
    assert_eq!(
        found,
        [vec![4, 5], vec![3, 4, 5]],
        "equally warm: the shorter way first"
    );
}

#[test]
fn someone_you_know_is_never_reached_through_others() {
    // 3 (dormant: met long ago) and 4 (a paper tie) are both at the target company; 1 knows
    // both, 2 knows 3.
    let mut net = network(&[3, 2, 1, 0], &[]);
    net.figures[2].status = Status::Dormant;
    let intros = find_intros(&graph(4, &[(1, 3), (1, 4), (2, 3)]), &net, &[2, 3], 100);
    assert_eq!(intros.direct, [2], "you can write to 3 yourself");
    assert_eq!(paths(&intros, &net), [vec![1, 4], vec![3, 1, 4]]);
}
