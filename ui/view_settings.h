#pragma once
// What the user chose to look at: everything the overlay depends on besides the image and the attention itself.
#include "analysis/head_selection.h"
#include "imaging/heatmap.h"

namespace vitlens::ui {

enum class AttentionMethod { Raw, Rollout };

struct ViewSettings {
  AttentionMethod method = AttentionMethod::Raw;
  int layer = -1;       // -1: the last layer (resolved against the model in use)
  HeadSelection heads;  // mean over heads by default
  int queryPatch = -1;  // -1: the class token; otherwise a patch index, row-major
  Colormap colormap = Colormap::Inferno;
  double opacity = 0.6;        // heat map weight over the image
  double massThreshold = 0.0;  // 0: off; otherwise outline the patches holding this share of the attention
  double discardRatio = 0.9;   // rollout: drop the weakest attention weights per layer
  HeadReduce rolloutFusion = HeadReduce::Mean;
  bool grid = false;        // draw the patch grid
  bool showOverlay = true;  // false: the plain image (grid and outlines still drawn)
};

}  // namespace vitlens::ui
