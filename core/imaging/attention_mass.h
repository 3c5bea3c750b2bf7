#pragma once
// DINO's way of reading an attention map: the smallest set of patches that holds a given share of the attention,
// outlined on the image.
#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

namespace vitlens {

// map: CV_32F rows x cols of non-negative weights. Returns CV_8U of the same size, 255 on the smallest set of
// patches (largest weights first) whose weights sum to at least `fraction` of the total, 0 elsewhere.
// fraction <= 0 selects nothing, fraction >= 1 every patch with weight; a map of zeros selects nothing.
cv::Mat attentionMassMask(const cv::Mat& map, double fraction);

// Draws the boundary of `mask` (CV_8U rows x cols, non-zero = inside) along patch edges, with the grid laid over
// `crop` in rgb's pixels: a gold line on a black one so it shows on any colour.
void drawMaskOutline(cv::Mat& rgb, const cv::Mat& mask, const cv::Rect2d& crop);

}  // namespace vitlens
