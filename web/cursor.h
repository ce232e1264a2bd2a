// Cursors for paging (CONTRACT §3, issue 14): an opaque token naming the
// index revision a list was read from, where the next page starts, and a
// digest of the request it belongs to.  The server keeps views at recent
// revisions (DatabasePool::BorrowAt), so the pages of one cursor chain come
// from one revision however much is ingested meanwhile; a revision no
// longer kept answers 410, and the caller starts again.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schema/status.h"
#include "web/params.h"

namespace seedgraph {

struct Cursor {
  std::string revision;  // Seedgraph-Revision of the first page
  unsigned long long offset = 0;  // the next page's first match (0-based)
  std::string request;   // RequestDigest() of the request it continues
};

// "c1." + base64url of the fields and a checksum.
std::string EncodeCursor(const Cursor& cursor);
// kInvalidArgument ("cursor: ...") for anything EncodeCursor did not make,
// a changed byte included.
Result<Cursor> DecodeCursor(const std::string& text);

// A digest of the parameters that choose and order the list (every one
// but cursor, page and per_page), in any order: a cursor continues only the
// request it came from.
std::string RequestDigest(const QueryParams& params);

// The cursor parameter of a request, checked against it: nullopt without
// one, kInvalidArgument for a bad one or one of another request.
Result<std::optional<Cursor>> CursorOf(const QueryParams& params);

// Where a page of a ranked list (related, match, pairing) starts and which
// revision it reads: a cursor's, or the first page of the newest.
struct ListPage {
  unsigned long long offset = 0;
  std::optional<std::string> revision;
  const std::string* at() const { return revision ? &*revision : nullptr; }
};
Result<ListPage> ListPageOf(const QueryParams& params);

// The cursor of the page starting at `offset` of the list `params` asks
// for, read at `revision`; "" when there is no next page (`more` false) or
// the view names no revision (a remote stub without a lexicon).
std::string NextCursor(bool more, const std::string& revision, unsigned long long offset, const QueryParams& params);

// `json_object` ("{...}") with "next_cursor" added last when `cursor` is
// not empty (cursors are URL-safe base64: nothing to escape).
std::string WithNextCursor(std::string json_object, const std::string& cursor);

}  // namespace seedgraph
