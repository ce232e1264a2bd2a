#include "query/dimensions.h"

#include <algorithm>

#include "schema/index_layout.h"

namespace seedgraph {

const std::vector<Dimension>& Dimensions() {
  static const std::vector<Dimension> dims = {
      {"type", prefix::kType, kSlotType, &RecordTypes()},
      {"project", prefix::kProject, kSlotProject, &Projects()},
      {"disease_area", prefix::kDiseaseArea, kSlotDiseaseAreas, &DiseaseAreas()},
      {"modality", prefix::kModality, kSlotModalities, &Modalities()},
      {"stage", prefix::kStage, kSlotStage, &Stages()},
      {"year", prefix::kYear, kSlotYearText, nullptr},
  };
  return dims;
}

const Dimension* FindDimension(std::string_view name) {
  for (const auto& d : Dimensions()) {
    if (name == d.name) return &d;
  }
  return nullptr;
}

std::vector<std::string> SplitValues(const std::string& v) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < v.size()) {
    size_t end = v.find(kValueSep, start);
    if (end == std::string::npos) end = v.size();
    out.push_back(v.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

DimensionSpy::DimensionSpy() : spy_(kSlotFacets) {}

void DimensionSpy::ForEach(const std::function<void(const Codes&, Xapian::doccount)>& f) const {
  // Where each kFacetSlots entry goes in Dimensions() order.
  static const std::vector<size_t> position = [] {
    std::vector<size_t> pos;
    for (Slot slot : kFacetSlots) {
      size_t d = 0;
      while (d < Dimensions().size() && Dimensions()[d].slot != slot) ++d;
      pos.push_back(d);
    }
    return pos;
  }();
  Codes codes(Dimensions().size());
  for (auto v = spy_.values_begin(); v != spy_.values_end(); ++v) {
    const std::string packed = *v;
    for (auto& c : codes) c.clear();
    std::string_view rest(packed);
    for (size_t k = 0; k < position.size() && !rest.empty(); ++k) {
      const size_t end = std::min(rest.find(kFacetSep), rest.size());
      std::string_view field = rest.substr(0, end);
      rest.remove_prefix(std::min(end + 1, rest.size()));
      if (position[k] >= codes.size()) continue;
      while (!field.empty()) {
        const size_t stop = std::min(field.find(kValueSep), field.size());
        if (stop > 0) codes[position[k]].push_back(field.substr(0, stop));
        field.remove_prefix(std::min(stop + 1, field.size()));
      }
    }
    f(codes, v.get_termfreq());
  }
}

}  // namespace seedgraph
