#pragma once
// Everything besides the weights that makes a model file usable on its own: architecture, labels,
// input normalisation and where the weights came from. Free of LibTorch.
#include <array>
#include <map>
#include <string>
#include <vector>

#include "model/vit_config.h"

namespace vitlens {

struct ModelMeta {
  VitConfig config;                               // architecture
  std::string name = "vit";                       // short display name
  std::vector<std::string> labels;                // one per class; empty means "class N"
  std::array<float, 3> mean{0.5f, 0.5f, 0.5f};    // per-channel RGB mean in [0, 1] units
  std::array<float, 3> stddev{0.5f, 0.5f, 0.5f};  // per-channel RGB standard deviation in [0, 1] units
  double cropPct = 1.0;                           // resize the shorter side to size / cropPct, then center-crop
  std::map<std::string, std::string> provenance;  // free-form: recipe, epochs, accuracy, date, source

  // Label of class i, or "class i" when the model has no labels.
  std::string label(int64_t index) const;

  // Serialises to / from safetensors `__metadata__` string pairs (JSON strings per key).
  std::map<std::string, std::string> toMetadata() const;
  // Throws std::invalid_argument with a message naming the bad key.
  static ModelMeta fromMetadata(const std::map<std::string, std::string>& metadata);
};

}  // namespace vitlens
