// The lowest floor of query/: finding an indexed record by its id, reading
// a document's id, and the one mapping of a read error to a Status.  Everything above (store, graph, search, match)
// reads through these, so the id rule (one unique-id term per record,
// schema/index_layout.h) has one home here.  Visibility is access.h's.
//
// Issue 13 grows this into the read layer (an IndexView: a database pinned
// at a revision plus the viewer); for now it holds the two lookups that
// store and graph both need, so that neither depends on the other.
#pragma once

#include <string>

#include <xapian.h>

#include "schema/status.h"

namespace seedgraph {

// The one mapping of a Xapian error met while reading to a Status:
// DatabaseModifiedError (a writer committed twice under us) is kAborted,
// anything else kIOError "<what> failed: the index could not be read".
// Xapian's own text names paths and internals and is not passed on.
Status ReadError(const Xapian::Error& e, const std::string& what);

// The document of the record with this id, or 0 when it is not indexed.
// Visibility is the caller's to check (MayView on kSlotVisibility).
Xapian::docid FindDocid(const Xapian::Database& db, const std::string& id);

// The id of an indexed record, read from its unique-id term (no JSON
// parse); "" for an id too long for a term.
std::string RecordIdOf(const Xapian::Document& doc);

}  // namespace seedgraph
