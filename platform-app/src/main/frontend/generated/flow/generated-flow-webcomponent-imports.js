import { injectGlobalWebcomponentCss } from 'Frontend/generated/jar-resources/theme-util.js';

import '@vaadin/vertical-layout/src/vaadin-vertical-layout.js';
import '@vaadin/login/src/vaadin-login-form.js';
import '@vaadin/select/src/vaadin-select.js';
import 'Frontend/generated/jar-resources/selectConnector.js';
import '@vaadin/tooltip/src/vaadin-tooltip.js';
import 'Frontend/generated/jar-resources/flow-component-renderer.js';
import 'Frontend/generated/jar-resources/flow-component-directive.js';
import 'Frontend/generated/jar-resources/lit-renderer.ts';
import '@vaadin/grid/src/vaadin-grid.js';
import '@vaadin/grid/src/vaadin-grid-column.js';
import '@vaadin/grid/src/vaadin-grid-sorter.js';
import '@vaadin/checkbox/src/vaadin-checkbox.js';
import 'Frontend/generated/jar-resources/gridConnector.ts';
import 'Frontend/generated/jar-resources/vaadin-grid-flow-selection-column.js';
import '@vaadin/grid/src/vaadin-grid-column-group.js';
import '@vaadin/context-menu/src/vaadin-context-menu.js';
import 'Frontend/generated/jar-resources/contextMenuConnector.js';
import 'Frontend/generated/jar-resources/contextMenuTargetConnector.js';
import 'Frontend/generated/jar-resources/disableOnClickFunctions.js';
import '@vaadin/horizontal-layout/src/vaadin-horizontal-layout.js';
import '@vaadin/progress-bar/src/vaadin-progress-bar.js';
import '@vaadin/notification/src/vaadin-notification.js';
import '@vaadin/app-layout/src/vaadin-app-layout.js';
import '@vaadin/app-layout/src/vaadin-drawer-toggle.js';
import '@vaadin/button/src/vaadin-button.js';
import '@vaadin/icons/vaadin-iconset.js';
import '@vaadin/icon/src/vaadin-icon.js';
import '@vaadin/side-nav/src/vaadin-side-nav.js';
import '@vaadin/side-nav/src/vaadin-side-nav-item.js';
import '@vaadin/text-field/src/vaadin-text-field.js';
import '@vaadin/confirm-dialog/src/vaadin-confirm-dialog.js';
import '@vaadin/dialog/src/vaadin-dialog.js';
import '@vaadin/text-area/src/vaadin-text-area.js';
import '@vaadin/date-time-picker/src/vaadin-date-time-picker.js';
import '@vaadin/date-picker/src/vaadin-date-picker.js';
import 'Frontend/generated/jar-resources/datepickerConnector.js';
import '@vaadin/time-picker/src/vaadin-time-picker.js';
import 'Frontend/generated/jar-resources/vaadin-time-picker/timepickerConnector.js';
import 'Frontend/generated/jar-resources/vaadin-time-picker/helpers.js';
import '@vaadin/details/src/vaadin-details.js';
import '@vaadin/combo-box/src/vaadin-combo-box.js';
import 'Frontend/generated/jar-resources/comboBoxConnector.js';
import '@vaadin/multi-select-combo-box/src/vaadin-multi-select-combo-box.js';
import '@vaadin/integer-field/src/vaadin-integer-field.js';
import '@vaadin/form-layout/src/vaadin-form-layout.js';
import '@vaadin/form-layout/src/vaadin-form-item.js';
import '@vaadin/form-layout/src/vaadin-form-row.js';
import '@vaadin/radio-group/src/vaadin-radio-group.js';
import '@vaadin/radio-group/src/vaadin-radio-button.js';
import '@vaadin/common-frontend/ConnectionIndicator.js';
import 'Frontend/generated/jar-resources/ReactRouterOutletElement.tsx';

const loadOnDemand = (key) => {
  const pending = [];
  if (key === 'a34190a3597dceb85fe0398ca2f6754f446ab10873e1dfeb95751cd43c4884d8') {
    pending.push(import('./chunks/chunk-f3aa1f573e18c81e46db67a77d3399f537c4f15e00e34fd74b1009aba944da26.js'));
  }
  if (key === '07c302db4a48403e78a57def8f2774b3691c7412d9d2e229eb7cf14c8f2f1e86') {
    pending.push(import('./chunks/chunk-cceffdfea007ef91ec85635a08db52f4006f742ad76d05c7d868588c7f78d03f.js'));
  }
  if (key === '70a38b8081bb21bba84a4e5326be58a72bdae5ad2d6911596a857323d66b7df2') {
    pending.push(import('./chunks/chunk-94d8af23aa8cea74475d8e92113077dad67860779def46c86292a58b05a127eb.js'));
  }
  if (key === '295d652af9f5bf83b5696a11158d695560bf4051498914a8de53da8199281a50') {
    pending.push(import('./chunks/chunk-2924c7547f110039cabc91bfca774b400b9f2844ff9754c9e009bb2a0ac07187.js'));
  }
  if (key === '65052a7809f7a8f0d49db38002ac5fa1d29cac11fd8128508b86830a6f1e2741') {
    pending.push(import('./chunks/chunk-1ecc2900bf6c76e8843f75c9df0987ae09683fc43562988c0980e7cb2b37d1eb.js'));
  }
  if (key === 'a8358d5eff648cdcb4c4a76367031f57a6fb8cf1a828c1af6240dab1e69aac9d') {
    pending.push(import('./chunks/chunk-a221fa51cf916f2339a1340349a66a96a5507d0b4f70d750d63e03a39d58f988.js'));
  }
  if (key === '03c670622d2a181461c5403d80bb51a30b792fcd2bec6fb04d51eabd26d740d8') {
    pending.push(import('./chunks/chunk-3810a285a707533f858ce5092c55d587f2344884f4f7dedd50ebd2654bdd1484.js'));
  }
  if (key === '0ad39175a7a2507fc913bab60c9a9cf1ba6d2320494ff42e2acce6c80cda19d5') {
    pending.push(import('./chunks/chunk-cceffdfea007ef91ec85635a08db52f4006f742ad76d05c7d868588c7f78d03f.js'));
  }
  return Promise.all(pending);
}
window.Vaadin = window.Vaadin || {};
window.Vaadin.Flow = window.Vaadin.Flow || {};
window.Vaadin.Flow.loadOnDemand = loadOnDemand;
window.Vaadin.Flow.resetFocus = () => {
 let ae=document.activeElement;
 while(ae&&ae.shadowRoot) ae = ae.shadowRoot.activeElement;
 return !ae || ae.blur() || ae.focus() || true;
}