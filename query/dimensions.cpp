#include "query/dimensions.h"

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

}  // namespace seedgraph
