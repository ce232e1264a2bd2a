// Same-as credit: records that `seedgraph resolve` linked with `same_as`
// (indexer/resolve.h) are one thing recorded twice: the 指定難病 and the
// 小児慢性特定疾病 NANDO class of one disease, a paper under its PMID and
// under its DOI.  When a query matches one of them well, the others are
// results too and rank right after it, even when they do not contain the
// query themselves (a NANDO group class has no description to match).
//
// Only the kSameAsAnchors best matches among the records that have a
// same_as link pass their credit on: a fixed number rather than the page
// asked for, so that every page of a search, its total and its facets, and
// the cross-link and indicator counts of the same query all see one match
// set in one order.
#pragma once

#include <xapian.h>

namespace seedgraph {

constexpr Xapian::doccount kSameAsAnchors = 50;

// `text` combined (OP_OR, a fixed weight each) with the same_as partners
// of the anchors: the kSameAsAnchors best matches of OP_FILTER(text,
// filter) that have a same_as link.  A partner weighs just under its best-ranked anchor, or its
// own text weight when that is higher.  Partners the filter rejects (role,
// filters) are left out, so a record the caller may not see is neither
// credited nor a source of credit.  Returns `text` unchanged when it
// matches everything, or when no anchor has a partner.  May throw
// Xapian::Error.
Xapian::Query WithSameAsPartners(const Xapian::Database& db, const Xapian::Query& text, const Xapian::Query& filter);

}  // namespace seedgraph
