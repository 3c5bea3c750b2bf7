#pragma once
// Turns cached attention plus the user's view settings into pictures. Pure functions of their inputs: switching a
// layer, head or colormap re-renders from the AttentionSet, never by running the model again.
#include <opencv2/core/mat.hpp>
#include <opencv2/core/types.hpp>

#include <string>
#include <vector>

#include "engine/engine.h"
#include "ui/view_settings.h"

namespace vitlens::ui {

// The settings' map, CV_32F gridRows x gridCols: one layer seen from the query (raw), or the rollout.
// The layer is clamped to the model's range (-1 = last); a class-token query on a model without one uses patch 0.
cv::Mat selectedMap(const AttentionSet& attention, const ViewSettings& settings);

// The image with the map over the model's crop, then the patch grid, the attention-mass outline and the query
// patch's outline as the settings ask. rgb: CV_8UC3 at the image's own resolution; returns the same size.
cv::Mat renderView(const cv::Mat& rgb, const cv::Rect2d& crop, const cv::Mat& map, const ViewSettings& settings);

// Every layer x head map as small overlay tiles over the model's crop (row-major: layer 0's heads first), each
// tileSize pixels on its longer side, with the settings' query, colormap and opacity.
std::vector<cv::Mat> renderHeadTiles(const cv::Mat& rgb, const cv::Rect2d& crop, const AttentionSet& attention,
                                     const ViewSettings& settings, int tileSize);
// The same from maps computed beforehand (on the worker): layers x heads raw maps, row-major, from queryPatch
// (outlined when >= 0). No tensor work.
std::vector<cv::Mat> renderHeadTiles(const cv::Mat& rgb, const cv::Rect2d& crop, const std::vector<cv::Mat>& maps,
                                     int queryPatch, const DrawStyle& style, int tileSize);

// Position-embedding similarity (patches x patches) as one small tile per patch, laid out like the grid:
// tile (r, c) shows patch (r, c)'s similarity to every patch. tileScale pixels per patch within a tile.
cv::Mat renderPositionSimilarity(const cv::Mat& similarity, int gridRows, int gridCols, int tileScale,
                                 Colormap colormap);

// One line about a point of the image: the patch under it, its token index and the map's value there.
// Empty when the point is outside the crop.
std::string describePatchAt(const cv::Point2d& imagePoint, const cv::Rect2d& crop, const cv::Mat& map,
                            int prefixTokens);

// The patch index (row-major) under a point of the image, or -1 outside the crop.
int patchAt(const cv::Point2d& imagePoint, const cv::Rect2d& crop, int gridRows, int gridCols);

}  // namespace vitlens::ui
