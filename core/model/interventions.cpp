#include "model/interventions.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "model/vit_config.h"

namespace vitlens {
namespace {

int parseIndex(const std::string& item, const std::string& option, const std::string& whole) {
  if (item.empty() || item.size() > 9 || !std::all_of(item.begin(), item.end(), ::isdigit)) {
    throw std::invalid_argument(option + ": '" + item + "' in '" + whole + "' is not a number from 0 up");
  }
  return std::stoi(item);
}

std::vector<std::string> splitCommas(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) items.push_back(item);
  if (!text.empty() && text.back() == ',') items.push_back("");
  return items;
}

std::string range(int64_t count) { return " (0.." + std::to_string(count - 1) + ")"; }

}  // namespace

std::vector<std::pair<int, int>> parseHeadList(const std::string& text) {
  std::vector<std::pair<int, int>> heads;
  for (const std::string& item : splitCommas(text)) {
    const size_t colon = item.find(':');
    if (colon == std::string::npos) {
      throw std::invalid_argument("--ablate-heads: '" + item + "' in '" + text + "' is not LAYER:HEAD (e.g. 3:1)");
    }
    heads.emplace_back(parseIndex(item.substr(0, colon), "--ablate-heads", text),
                       parseIndex(item.substr(colon + 1), "--ablate-heads", text));
  }
  if (heads.empty()) throw std::invalid_argument("--ablate-heads is empty");
  return heads;
}

std::vector<int> parsePatchList(const std::string& text) {
  std::vector<int> patches;
  for (const std::string& item : splitCommas(text)) patches.push_back(parseIndex(item, "--drop-patches", text));
  if (patches.empty()) throw std::invalid_argument("--drop-patches is empty");
  return patches;
}

void validateInterventions(Interventions& interventions, const VitConfig& config) {
  for (const auto& [layer, head] : interventions.ablatedHeads) {
    const std::string item = std::to_string(layer) + ":" + std::to_string(head);
    if (layer < 0 || layer >= config.depth) {
      throw std::invalid_argument("--ablate-heads " + item + ": the model has " + std::to_string(config.depth) +
                                  " layers" + range(config.depth));
    }
    if (head < 0 || head >= config.numHeads) {
      throw std::invalid_argument("--ablate-heads " + item + ": the model has " + std::to_string(config.numHeads) +
                                  " heads" + range(config.numHeads));
    }
  }
  const int64_t patches = config.numPatches();
  for (int patch : interventions.droppedPatches) {
    if (patch < 0 || patch >= patches) {
      throw std::invalid_argument("--drop-patches " + std::to_string(patch) + ": the grid has " +
                                  std::to_string(patches) + " patches" + range(patches));
    }
  }
  auto& heads = interventions.ablatedHeads;
  std::sort(heads.begin(), heads.end());
  heads.erase(std::unique(heads.begin(), heads.end()), heads.end());
  auto& dropped = interventions.droppedPatches;
  std::sort(dropped.begin(), dropped.end());
  dropped.erase(std::unique(dropped.begin(), dropped.end()), dropped.end());
  if (static_cast<int64_t>(dropped.size()) >= patches) {
    throw std::invalid_argument("--drop-patches would drop every patch: keep at least one");
  }
}

std::string headListText(const std::vector<std::pair<int, int>>& heads) {
  std::string text;
  for (const auto& [layer, head] : heads)
    text += (text.empty() ? "" : ",") + std::to_string(layer) + ":" + std::to_string(head);
  return text;
}

std::string patchListText(const std::vector<int>& patches) {
  std::string text;
  for (int patch : patches) text += (text.empty() ? "" : ",") + std::to_string(patch);
  return text;
}

}  // namespace vitlens
