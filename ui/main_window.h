#pragma once
// The vitlens window: the image with its attention overlay in the middle, predictions and attention controls on
// the left, the heads grid and the model's anatomy on the right, a filmstrip for folders below.
#include <QByteArray>
#include <QFont>
#include <QMainWindow>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

#include "model/runtime.h"
#include "ui/image_view.h"
#include "ui/live_input.h"
#include "ui/model_session.h"
#include "ui/tour_script.h"
#include "ui/view_settings.h"

class QDockWidget;
class QLabel;
class QMessageBox;
class QProgressBar;

namespace vitlens::ui {

class AnatomyView;
class AttentionControls;
class AttentionDistanceChart;
class FaithfulnessPanel;
class EvaluationPanel;
class LensStrip;
class Filmstrip;
class HeadsGrid;
class ImageView;
class PredictionPanel;
class TourHighlight;
class TourPanel;
class WindowActions;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  // modelPath empty: the built-in model. interactive false: errors are recorded and printed, never shown in a
  // dialog (tests and --screenshot).
  explicit MainWindow(const QString& modelPath = {}, DeviceChoice device = DeviceChoice::Auto, bool interactive = true,
                      QWidget* parent = nullptr);
  ~MainWindow() override;

  // Inputs. Each runs in the background; a bad file reports an error and keeps what was shown before.
  void openImage(const QString& path);
  void openImageData(const cv::Mat& rgb, const QString& name);
  // path: a vitlens file, a timm or Hugging Face checkpoint (file, config.json or folder); empty: the built-in model.
  void openModel(const QString& path, const ModelLoadOptions& options = {});
  // Reloads the current model at another input size (0 x 0: its own), interpolating position embeddings.
  void setInputSize(int height, int width);
  // Reloads the current model computing in another dtype (attention stays float32).
  void setPrecision(ComputeDtype dtype);
  int openFolder(const QString& folder);
  // Evaluates a folder of class sub-folders on the worker (the Evaluation dock); false without a model with a
  // classifier head. cancelEvaluation stops it after the batch in flight.
  bool evaluateFolder(const QString& folder);
  void cancelEvaluation();
  // Fills the filmstrip with the evaluated images of one confusion cell (true `truth`, predicted `predicted`) and
  // opens the first; returns how many.
  int showConfusionCell(int64_t truth, int64_t predicted);
  void setDevice(DeviceChoice device);
  // Brings a dock to the front: "prediction", "attention", "heads", "anatomy" or "faithfulness". False for other
  // names.
  bool raiseDock(const QString& name);
  // Perturbation curves of the map shown and the random baseline (comparison false), or every method's areas
  // (true), for the faithfulness panel; computed on the worker.
  void measureFaithfulness(bool comparison);
  // Switches every ablated head back on; or switches exactly these off.
  void resetAblations();
  void setAblatedHeads(const std::vector<std::pair<int, int>>& heads);
  // Patches dropped from the model's input (row-major; at least one patch always stays).
  void setDroppedPatches(const std::vector<int>& patches);
  // Drops the map's `percent` % highest cells, on top of those dropped already.
  void dropTopPatches(int percent);
  // Drop mode: clicks and drags on the image drop patches (Shift: restore) instead of panning or choosing a query.
  void setDropMode(bool on);
  // The heads grid coloured by each head's ablation effect on the top class (worked out on the worker).
  void showHeadImportance(bool on);
  const Interventions& interventions() const { return change_; }
  LensStrip* lensStrip() const { return lens_; }
  // The guided tour (Help › Tour, the Teach dock): each step sets up the views it talks about, outlines them and
  // explains them with the loaded model's numbers. startTour opens it at `step` (0-based); Next / Back return
  // false at either end. language: "en", "es", "zh_CN"; empty: the window's language.
  void startTour(int step = 0, const QString& language = {});
  void endTour();
  bool tourNext();
  bool tourBack();
  int tourStep() const { return tourStep_; }  // -1: no tour
  int tourStepCount() const { return static_cast<int>(tourScript_.steps().size()); }
  QString tourStepId() const;
  TourPanel* tourPanel() const { return tour_; }
  TourHighlight* tourHighlight() const { return highlight_; }
  // The attention step's worked query (null until it arrives or after the step changed what it asks).
  const QueryTrace* queryTrace() const { return trace_ ? &*trace_ : nullptr; }
  // Presentation mode (View › Presentation): full screen, every text `scale` times larger (1.5-2), the secondary
  // docks hidden, a plain caption on the image; Page Up / Page Down step the tour.
  void setPresentationMode(bool on, double scale = 0.0);  // scale 0: the last one chosen (default 1.5)
  bool presentationMode() const { return presentation_; }
  double presentationScale() const { return presentationScale_; }
  // Live input (File › Open Video, File › Camera): frames classified one after another with the current view's
  // overlay; frames that arrive while one is being classified are dropped, never queued. Each returns an empty
  // string or the one-line reason it could not start (also shown). rate > 0: play the video at that many frames
  // per second instead of its own rate.
  QString openVideo(const QString& path, double rate = 0.0);
  QString openCamera();
  void setLivePaused(bool paused);  // the frame shown stays, for every other view
  void stopLive();
  LiveInput* liveInput() const { return live_; }
  // Blocks until the model and image work queued so far has finished and been shown.
  void waitForIdle();

  // Exports; each returns an empty string or a one-line error. overwrite false refuses an existing file.
  QString exportOverlay(const QString& path, bool overwrite = false);
  QString exportHeadsGrid(const QString& path, bool overwrite = false);
  QString exportAnatomy(const QString& path, bool overwrite = false);
  QString exportMapNpy(const QString& path, bool overwrite = false);
  QString exportEvaluationJson(const QString& path, bool overwrite = false);
  QString exportEvaluationCsv(const QString& path, bool overwrite = false);
  QString exportConfusionPng(const QString& path, bool overwrite = false);

  // State, for tests and the screenshot mode.
  AttentionControls* controls() const { return controls_; }
  ImageView* imageView() const { return imageView_; }
  HeadsGrid* headsGrid() const { return headsGrid_; }
  PredictionPanel* predictionPanel() const { return predictions_; }
  AttentionDistanceChart* distanceChart() const { return distanceChart_; }
  AnatomyView* anatomyView() const { return anatomy_; }
  FaithfulnessPanel* faithfulnessPanel() const { return faithfulness_; }
  EvaluationPanel* evaluationPanel() const { return evaluation_; }
  Filmstrip* filmstrip() const { return filmstrip_; }
  // The overlay at the image's resolution with its lines drawn in (what exports and the clipboard get); drawn on
  // first use after a change. The view shows the same image without lines and draws them at screen resolution.
  const cv::Mat& renderedImage() const;
  const cv::Mat& currentMap() const { return currentMap_; }
  QString imageName() const;
  QString lastError() const { return lastError_; }
  QString hoverText() const { return hoverText_; }
  bool hasModel() const { return session_->model() != nullptr; }
  const ModelInfo* model() const { return session_->model(); }
  const AnalysisResult* result() const { return session_->result(); }
  ModelSession* session() const { return session_; }
  QStringList recentFiles() const { return recentFiles_; }
  // Map jobs queued on the worker so far (the window's only tensor work): tests check that colours, opacity and
  // outlines cause none.
  quint64 mapJobs() const;

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  // main_window.cpp: layout, and what the session announces.
  void buildLayout();
  void onModelLoaded(const ModelInfo& info);
  void showModelLabel(const ModelInfo& info);  // name, input size, device; notes in its tooltip
  void onImageReady(const AnalysisResult& result);
  void onBusyChanged(bool busy);
  void onImageHovered(const QPointF& imagePos);
  void onImageClicked(const QPointF& imagePos);
  void onTileClicked(int layer, int head);
  void explainClass(int index);
  void toggleAblation(int layer, int head);
  // main_window_tour.cpp: the guided tour.
  QDockWidget* buildTeachDock();  // the tour panel in its dock, the highlight layer, their connections
  void tourModelChanged();
  void tourImageChanged();
  void showTourStep();
  void refreshTour();   // the current step's text, table and strip from what is known now
  void requestTrace();  // the trace the current step needs, when it is not the one held
  bool tourNeedsTrace() const;
  int tourQueryPatch() const;  // the patch the learner clicked, else the centre one
  void onQueryTraceReady(const QueryTraceResult& result);
  // main_window_presentation.cpp
  void applyPresentationScale();
  // main_window_live.cpp
  void buildLiveInput();                   // the source, its status label and connections
  void pauseLiveForImage();                // a photo opened while a video plays pauses it
  void liveStarted(const QString& error);  // the status label and actions once a source started, or the error
  void takeLiveFrame();                    // the newest frame to the worker, unless one is in flight
  void liveFrameShown(bool drawn);         // the frame in flight is on screen (or failed): the next may go
  void showLiveStats(const LiveStats& stats);
  bool isLiveResult(const QString& imageName) const;
  // main_window_experiments.cpp: ablation, patch dropping, head importance.
  void onExperimentReady(const ExperimentResult& result);
  void onImageStroked(const QPointF& imagePos, bool first, Qt::KeyboardModifiers modifiers);
  void onHeadScanReady(const HeadScanResult& result);
  void applyChange();
  QString changeDescription(const Interventions& change) const;
  void onFaithfulnessReady(const FaithfulnessResult& result);
  void showError(const QString& message);
  void updateTitle();
  void updateActions();

  // main_window_view.cpp: the attention view. Which map changed: the worker computes it (requestMap); how it is
  // drawn changed: redraw() blends the cached map, no tensor work.
  void onSettingsChanged();
  void requestMap();
  void onMapReady(const MapResult& map);
  void redraw();

  // main_window_actions.cpp: what the actions do, help, persisted settings.
  void connectActions();
  void toggleHeatMap();
  void toggleQueryMode();
  void addRecentFile(const QString& path);
  void showShortcuts();
  void showAbout();
  void loadSettings();
  void saveSettings();

  // main_window_files.cpp: dialogs, clipboard, samples.
  void chooseImage();
  void chooseVideo();
  void chooseFolder();
  void chooseEvaluationFolder();
  // A folder whose sub-folders are all class names of the model: dropped, it is evaluated, not listed.
  bool isClassFolder(const QString& folder) const;
  void chooseModel();
  void chooseModelFolder();
  void chooseInputSize();
  void pasteFromClipboard();
  void copyViewToClipboard();
  void loadSample(const QString& resourcePath);
  void saveWithDialog(const QString& title, const QString& suggestedName, const QString& filter,
                      QString (MainWindow::*exporter)(const QString&, bool));

  bool interactive_ = true;
  ModelSession* session_ = nullptr;
  WindowActions* actions_ = nullptr;
  // What the view shows of session_->result(): its map, for which request, and the heads grid's raw maps.
  static constexpr int kNoTiles = -2;  // tileQuery_ before any tiles exist
  cv::Mat currentMap_;
  MapRequest shownRequest_;  // what currentMap_ shows
  int shownLayer_ = 0;
  bool mapShown_ = false;          // currentMap_ belongs to the session's result
  cv::Size shownImageSize_;        // of the image shown, to zoom to fit when the next one differs
  std::vector<cv::Mat> tileMaps_;  // layers x heads raw maps from tileQuery_, from the worker
  int tileQuery_ = kNoTiles;
  bool tilesDrawn_ = false;
  Colormap tileColormap_ = Colormap::Inferno;
  mutable cv::Mat rendered_;
  mutable bool renderedStale_ = true;
  cv::Mat viewImage_;     // what imageView_ wraps (zero-copy): the overlay without lines
  ViewLegend legend_;     // caption and colour bar of the map shown
  QString plainCaption_;  // the caption in presentation mode
  Colormap legendColormap_ = Colormap::Inferno;
  bool mapsChanged_ = false;     // the map shown came from a changed model
  bool strokeRestores_ = false;  // the drag in progress puts patches back (Shift at its press)
  QString lastError_;
  QString hoverText_;
  QStringList recentFiles_;
  QString lastFolder_;

  ImageView* imageView_ = nullptr;
  Filmstrip* filmstrip_ = nullptr;
  PredictionPanel* predictions_ = nullptr;
  AttentionControls* controls_ = nullptr;
  HeadsGrid* headsGrid_ = nullptr;
  AttentionDistanceChart* distanceChart_ = nullptr;
  AnatomyView* anatomy_ = nullptr;
  FaithfulnessPanel* faithfulness_ = nullptr;
  EvaluationPanel* evaluation_ = nullptr;
  LensStrip* lens_ = nullptr;
  TourPanel* tour_ = nullptr;
  TourHighlight* highlight_ = nullptr;
  TourScript tourScript_;
  QString tourNote_;  // why a teacher's tour file was passed over, or empty
  int tourStep_ = -1;
  std::optional<QueryTrace> trace_;
  int traceLayer_ = -1;  // what the trace asked for last (trace_ may be older)
  int traceHead_ = -1;
  int tracePatch_ = -2;
  LiveInput* live_ = nullptr;
  LiveFrame liveInFlight_;  // its name, index and capture time (the pixels went to the worker)
  bool liveBusy_ = false;   // a live frame is being classified: newer ones wait in the mailbox (one at most)
  bool liveAwaitingMap_ = false;
  QLabel* liveLabel_ = nullptr;
  bool presentation_ = false;
  double presentationScale_ = 1.5;
  QFont normalFont_;
  QByteArray normalState_;
  bool wasFullScreen_ = false;
  Interventions change_;  // heads switched off in the heads grid
  QLabel* modelLabel_ = nullptr;
  QProgressBar* busyBar_ = nullptr;
  QMessageBox* errorBox_ = nullptr;
};

}  // namespace vitlens::ui
