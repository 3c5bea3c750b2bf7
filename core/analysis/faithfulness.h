#pragma once
// How faithful a map is to the model: remove (or restore) patches in the order the map ranks them and watch the
// prediction. Definitions (README, "Faithfulness"):
//   positive   Chefer et al. 2021: top-1 correct (vs the label) after the top floor(s P) patches by the map are
//              set to 0 (the mean colour after normalisation), for each fraction s; lower AUC is better.
//   negative   the same removing the bottom floor(s P) patches; higher AUC is better.
//   deletion   RISE (Petsiuk et al. 2018), patch-wise: p(predicted class of the unchanged image) with the top
//              floor(s P) patches removed; lower is better.
//   insertion  the same on a blurred copy of the input with the top floor(s P) patches restored; higher is
//              better. Blur: Gaussian, sigma = max(1, 5 * min(H, W) / 224) pixels (RISE's 5 at 224),
//              2 ceil(2 sigma) + 1 taps, reflected borders, on the normalised input.
// Ranking: by map value, ties by patch index (lower first) both ways. Curves start at s = 0; AUC is 100 x the
// trapezoid area over x = 0, steps (so at most 90 for steps up to 0.9).
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

#include "analysis/attention_map.h"
#include "analysis/curve_area.h"
#include "model/vision_transformer.h"

namespace vitlens {

struct PerturbationCurves {
  std::vector<double> x;          // 0, then the steps
  std::vector<double> positive;   // 1 or 0 per x: top-1 correct
  std::vector<double> negative;   // 1 or 0 per x
  std::vector<double> deletion;   // p(predicted) per x
  std::vector<double> insertion;  // p(predicted) per x
};

// input: (1, C, H, W) normalised on the model's device; map: (gridRows, gridCols); label: the true class.
// steps: ascending fractions in (0, 1). tracked: the class whose probability deletion and insertion follow; -1
// the unchanged image's predicted class (the definition above; the window passes the class a map explains).
PerturbationCurves perturbationCurves(VisionTransformer& model, const at::Tensor& input, const at::Tensor& map,
                                      int64_t label, const std::vector<double>& steps, int64_t tracked = -1);

// Patch indices by map value: descending (most important first) or ascending; ties by index, lower first.
std::vector<int64_t> rankPatches(const at::Tensor& map, bool descending);

// The insertion curve's starting point (see above): (1, C, H, W).
at::Tensor blurredInput(const at::Tensor& input);

}  // namespace vitlens
