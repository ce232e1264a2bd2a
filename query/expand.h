// Query expansion: orthographic variants, concept synonyms and spelling
// suggestions, all read from the index (written by indexer/synonyms.h).
//
// Expansion only ever adds alternatives to what the user typed: a variant
// or a concept name is ORed (as a Xapian synonym) with the original, so a
// query never loses the records it found without expansion.  Alternatives
// are kept only when they can match (every bigram of a variant is in the
// index), which keeps the query small and the results on topic.
//
// Thread-safety: a QueryExpander holds a Database handle; use one per
// request, like the Database itself.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "query/access.h"
#include "query/index_view.h"
#include "schema/analyzer.h"

namespace seedgraph {

class QueryExpander {
 public:
  // The synonym table covers every record; `role` decides whose concepts may
  // expand a query (a hidden disease's names must not pull in records).
  QueryExpander(const Xapian::Database& db, const Analyzer& analyzer, Role role)
      : db_(db), parts_{db}, analyzer_(analyzer), role_(role) {}
  // Over a reader's view: spelling and synonyms are merged over its
  // databases here, not by Xapian (see Spelling in expand.cpp).
  QueryExpander(const IndexView& view, const Analyzer& analyzer)
      : db_(view.db()), parts_(view.words()), analyzer_(analyzer), role_(view.role()), remote_(view.remote()) {}

  // Other spellings of a CJK segment that occur in the index, each analysed
  // (normally one CJK segment).  Empty for words and for one-char runs.
  std::vector<std::vector<Segment>> Variants(const Segment& seg) const;

  // The longest span segments[begin, end) that names a concept, starting at
  // `begin` (end == begin + 1 and no names when none does), with the other
  // names of the concept(s), analysed.  Names that are the span itself and
  // short acronyms (which would match unrelated records) are left out.
  struct ConceptSpan {
    size_t end = 0;
    std::vector<std::string> names;              // normalized
    std::vector<std::vector<Segment>> analysed;  // one per name
  };
  ConceptSpan FindConcept(const std::vector<Segment>& segments, size_t begin) const;

  // "Did you mean": the query with each word or CJK run that the index does
  // not know (see Suggest in expand.cpp for "know") replaced by the closest title or name word (Xapian spelling
  // data, edit distance 1 for short words, 2 otherwise); "" when nothing
  // changes.
  std::string Suggest(const std::string& text) const;

  const Analyzer& analyzer() const { return analyzer_; }

 private:
  std::vector<std::string> NamesOfKey(const std::string& key) const;
  bool GramsExist(const Segment& seg) const;
  bool IsSpellingWord(const std::string& word) const;
  bool PhraseOccurs(const Segment& seg) const;

  bool ConceptVisible(const std::string& tag) const;
  // The synonyms of a term, and the best spelling within max_distance,
  // over every database of the view.
  std::vector<std::string> SynonymsOf(const std::string& term) const;
  std::string Spelling(const std::string& word, unsigned max_distance) const;

  Xapian::Database db_;
  std::vector<Xapian::Database> parts_;  // where spelling and synonyms are (IndexView::words())
  const Analyzer& analyzer_;
  Role role_;
  bool remote_ = false;  // batch lookups (TermFreqs) for remote shards
};

}  // namespace seedgraph
