#pragma once
// Changes to a forward pass, to watch what they do to the prediction (README, "Experiments"). Free of torch.
//   Head ablation: head h of layer l contributes nothing: its slice of the attention output (A V, before the
//   output projection) is zero for every token. Its captured attention is still what it computed.
//   Patch dropping: the patch tokens are removed from the sequence after the position embedding is added; the
//   model runs on fewer tokens. Prefix tokens are never dropped.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace vitlens {

struct VitConfig;

struct Interventions {
  std::vector<std::pair<int, int>> ablatedHeads;  // (layer, head)
  std::vector<int> droppedPatches;                // row-major on the grid, ascending, unique
  bool empty() const { return ablatedHeads.empty() && droppedPatches.empty(); }
};

// "L:H[,L:H...]" and "P[,P...]"; std::invalid_argument naming the bad item. The result is checked against the
// model by validateInterventions.
std::vector<std::pair<int, int>> parseHeadList(const std::string& text);
std::vector<int> parsePatchList(const std::string& text);
// Refuses heads, layers or patches beyond the model, and dropping every patch: std::invalid_argument with the
// CLI's wording ("--ablate-heads 9:0: the model has 4 layers (0..3)"). Sorts and de-duplicates the lists.
void validateInterventions(Interventions& interventions, const VitConfig& config);
// "1:0,2:3" and "5,7": as the JSON reports them.
std::string headListText(const std::vector<std::pair<int, int>>& heads);
std::string patchListText(const std::vector<int>& patches);

}  // namespace vitlens
