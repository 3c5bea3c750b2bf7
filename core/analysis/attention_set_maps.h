#pragma once
// The maps a MapRequest describes that come from an image's captured attention alone (raw, rollout): what the
// worker thread computes for the window, and vitlens-cli attention. Torch-free (through AttentionSet).
#include <opencv2/core/mat.hpp>

#include <string>

#include "analysis/map_request.h"

namespace vitlens {

class AttentionSet;

// The layer a raw request means (-1 -> last), clamped to the attention's layers.
int resolvedLayer(const AttentionSet& attention, const MapRequest& request);
// The map itself, CV_32F gridRows x gridCols: raw from the query (a head and patch clamped into range, patch 0
// for a class-token query on a model without one; a dropped query patch becomes the class token, or the first
// kept patch), or rollout from the class token. NaN at the patches dropped from the attention's pass.
cv::Mat computeMap(const AttentionSet& attention, const MapRequest& request);
// The query's attention to each prefix token, "class 0.121 · register 1 0.402"; empty for rollout or a model
// without prefix tokens.
std::string describePrefixAttention(const AttentionSet& attention, const MapRequest& request);
}  // namespace vitlens
