#pragma once
// One query's attention at one layer and head, worked out the way a lecture writes it: the query patch as the
// patch embedding sees it, then softmax(q·kᵀ/√d) with the actual scores and weights (the tour's steps 3 and 5).
#include <vector>

namespace vitlens {

struct QueryTrace {
  int layer = 0;
  int head = 0;
  int queryPatch = -1;   // row-major patch index; -1: the class token
  int queryToken = 0;    // its index in the token sequence (prefix tokens first)
  int prefixTokens = 0;  // keys 0 .. prefixTokens - 1 are the prefix tokens, then the patches in row-major order
  int headDim = 0;       // d in q·kᵀ/√d
  // The query patch's patch embedding (D numbers: its pixels through the patch-embedding projection, before the
  // position embedding is added); empty for the class token.
  std::vector<float> embedding;
  std::vector<float> patchPixels;  // the query patch's input values (C x p x p, normalised); empty for the class token
  std::vector<float> scores;       // q·k_j / √d for every key token j, N values
  std::vector<float> weights;      // softmax(scores): the attention row the maps show, N values summing to 1
};

}  // namespace vitlens
