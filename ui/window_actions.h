#pragma once
// The window's menus, toolbar and shortcuts: every action with its text, key and tip, in one place. The window
// connects what they do; update() enables each from the current state, so no action runs only to say there is
// nothing to do (Qt's Image Viewer habit).
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include "model/compute_dtype.h"
#include "model/runtime.h"

class QAction;
class QActionGroup;
class QComboBox;
class QMainWindow;
class QMenu;
class QWidget;

namespace vitlens::ui {

// What the actions depend on.
struct ActionState {
  bool mapShown = false;      // exports and copy
  bool hasModel = false;      // the anatomy export, the input size
  bool hasFolder = false;     // next / previous image
  bool hasAblations = false;  // reset ablations
  bool hasDropped = false;    // restore patches
  bool hasImage = false;      // the experiments on the shown image
  bool live = false;          // a video or the camera is playing: pause and stop
};

class WindowActions : public QObject {
  Q_OBJECT

 public:
  // Builds the menus and the toolbar into window (its docks must exist: the View menu lists them). Shortcuts that
  // arrow and page keys would steal from a focused slider act only inside viewArea.
  WindowActions(QMainWindow* window, QWidget* viewArea);

  void update(const ActionState& state);
  void setRecentFiles(const QStringList& paths);
  void setSamples(const QStringList& resourcePaths);
  // The device and precision widgets show these, without announcing a choice.
  void showChoice(DeviceChoice device, ComputeDtype dtype);
  // What the loaded model computes in and why, as the Precision menu's last line.
  void showPrecisionInUse(const QString& dtype, const QString& reason);

  // File
  QAction* openImage = nullptr;
  QAction* openFolder = nullptr;
  QAction* evaluateFolder = nullptr;
  QAction* paste = nullptr;
  QAction* openVideo = nullptr;
  QAction* camera = nullptr;
  QAction* pauseLive = nullptr;  // checkable
  QAction* stopLive = nullptr;
  QAction* saveOverlay = nullptr;
  QAction* saveHeads = nullptr;
  QAction* saveAnatomy = nullptr;
  QAction* saveMap = nullptr;
  QAction* copyView = nullptr;
  QAction* quit = nullptr;
  // View
  QAction* zoomToFit = nullptr;
  QAction* actualSize = nullptr;
  QAction* zoomIn = nullptr;
  QAction* zoomOut = nullptr;
  QAction* nextImage = nullptr;
  QAction* previousImage = nullptr;
  // Attention
  QAction* toggleRollout = nullptr;
  QAction* nextLayer = nullptr;
  QAction* previousLayer = nullptr;
  QAction* nextHead = nullptr;
  QAction* previousHead = nullptr;
  QAction* toggleQuery = nullptr;
  QAction* toggleGrid = nullptr;
  QAction* toggleHeatMap = nullptr;
  // Experiment: change the model and watch (README, "Experiments")
  QAction* dropPatches = nullptr;  // checkable: clicks and drags on the image drop patches
  QList<QAction*> dropTopPatches;  // drop the 5 / 10 / 25 % most important patches of the map shown
  QAction* restorePatches = nullptr;
  QAction* headImportance = nullptr;  // checkable: colour the heads grid by each head's ablation effect
  QAction* resetAblations = nullptr;
  // Model
  QAction* openModel = nullptr;
  QAction* openModelFolder = nullptr;
  QAction* hubModels = nullptr;
  QAction* hubDownload = nullptr;
  QAction* inputSize = nullptr;
  QAction* builtInModel = nullptr;
  // View: the classroom
  QAction* presentation = nullptr;  // checkable
  QAction* fullScreen = nullptr;    // checkable
  // Help
  QAction* tour = nullptr;
  QAction* tourNext = nullptr;
  QAction* tourBack = nullptr;
  QAction* shortcuts = nullptr;
  QAction* about = nullptr;

 Q_SIGNALS:
  void recentFileChosen(const QString& path);
  void sampleChosen(const QString& resourcePath);
  void deviceChosen(vitlens::DeviceChoice device);
  void precisionChosen(vitlens::ComputeDtype dtype);
  void presentationScaleChosen(double scale);

 private:
  void buildFileMenu(QMainWindow* window);
  void buildViewMenu(QMainWindow* window, QWidget* viewArea);
  void buildAttentionMenu(QMainWindow* window, QWidget* viewArea);
  void buildExperimentMenu(QMainWindow* window);
  void buildModelMenu(QMainWindow* window);
  void buildToolbar(QMainWindow* window);
  // View › Language: saves the choice and offers to restart (the menus and docks are built once).
  void buildLanguageMenu(QMainWindow* window, QMenu* view);

  QMenu* recentMenu_ = nullptr;
  QMenu* samplesMenu_ = nullptr;
  QActionGroup* deviceActions_ = nullptr;
  QActionGroup* precisionActions_ = nullptr;
  QActionGroup* presentationScales_ = nullptr;
  QAction* precisionInUse_ = nullptr;
  QList<QAction*> precisionReasonLines_;  // the in-use reason's lines after the first
  QComboBox* deviceBox_ = nullptr;
};

}  // namespace vitlens::ui
