// The record model of CONTRACT.md §1: one struct for every record type.
//
// A Record is what an importer produces and what the indexer stores.  It is
// plain data: validation lives in record_json.h (ParseRecord) so that every
// record, however it was made, passes the same rules before it is indexed.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace seedgraph {

// A text in up to two languages.  Either may be empty.
struct LangText {
  std::string ja;
  std::string en;
  bool empty() const { return ja.empty() && en.empty(); }
};

// A directed, typed edge.  `to` may name a record that is not (yet) indexed.
struct Link {
  std::string rel;
  std::string to;
  std::string date;  // optional ISO date of the relation (e.g. a handover)
};

struct Record {
  std::string id;    // "<type>:<source-key>"
  std::string type;  // one of kRecordTypes (vocab.h)
  LangText title;
  LangText text;
  std::vector<std::string> keywords;
  std::string date;  // YYYY, YYYY-MM or YYYY-MM-DD
  int year = 0;      // derived from date; 0 when there is no date
  std::string project;
  std::vector<std::string> disease_areas;
  std::vector<std::string> modalities;
  std::string stage;
  std::map<std::string, std::string> identifiers;
  std::vector<Link> links;
  std::string visibility = "public";
  std::string attrs_json;  // the `attrs` object as compact JSON ("" if none)
};

}  // namespace seedgraph
