// rnn_l0_step: one time step of rnn_l0: h': weight_hh @ h for every gate, then h' from it (rnn.cell:15)
// each thread: 16 rows of the product (fewer if the adapter's tile_rows says) for four hidden units of each of 1 gates, in registers, then the step's outputs for them

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

fn tanh_safe4(x: vec4f) -> vec4f { let e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }

override tile_rows: u32 = 16u; // rows of a thread's tile, chosen per adapter
override workgroup_x: u32 = 8u; // the workgroup's shape, chosen per adapter
override workgroup_y: u32 = 2u;
override workgroup_z: u32 = 1u;
@compute @workgroup_size(workgroup_x, workgroup_y, workgroup_z)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let rows = sizes.B;
  let row0 = gid.y * tile_rows;
  let unit0 = gid.x * 4u; // four hidden units, of every gate
  if (row0 >= rows || unit0 >= 20u) { return; }
  let quad = unit0 / 4u;
  let a_row0 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 0u, rows - 1u) * 5u;
  let a_row1 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 1u, rows - 1u) * 5u;
  let a_row2 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 2u, rows - 1u) * 5u;
  let a_row3 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 3u, rows - 1u) * 5u;
  let a_row4 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 4u, rows - 1u) * 5u;
  let a_row5 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 5u, rows - 1u) * 5u;
  let a_row6 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 6u, rows - 1u) * 5u;
  let a_row7 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 7u, rows - 1u) * 5u;
  let a_row8 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 8u, rows - 1u) * 5u;
  let a_row9 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 9u, rows - 1u) * 5u;
  let a_row10 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 10u, rows - 1u) * 5u;
  let a_row11 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 11u, rows - 1u) * 5u;
  let a_row12 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 12u, rows - 1u) * 5u;
  let a_row13 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 13u, rows - 1u) * 5u;
  let a_row14 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 14u, rows - 1u) * 5u;
  let a_row15 = 3u * sizes.B * sizes.T + 5u * sizes.B + read_slot * 5u * sizes.B + min(row0 + 15u, rows - 1u) * 5u;
  let b_col0 = 50u + (0u + unit0 + 0u) * 5u;
  let b_col1 = 50u + (0u + unit0 + 1u) * 5u;
  let b_col2 = 50u + (0u + unit0 + 2u) * 5u;
  let b_col3 = 50u + (0u + unit0 + 3u) * 5u;
  var acc0_0 = 0.0;
  var acc0_1 = 0.0;
  var acc0_2 = 0.0;
  var acc0_3 = 0.0;
  var acc1_0 = 0.0;
  var acc1_1 = 0.0;
  var acc1_2 = 0.0;
  var acc1_3 = 0.0;
  var acc2_0 = 0.0;
  var acc2_1 = 0.0;
  var acc2_2 = 0.0;
  var acc2_3 = 0.0;
  var acc3_0 = 0.0;
  var acc3_1 = 0.0;
  var acc3_2 = 0.0;
  var acc3_3 = 0.0;
  var acc4_0 = 0.0;
  var acc4_1 = 0.0;
  var acc4_2 = 0.0;
  var acc4_3 = 0.0;
  var acc5_0 = 0.0;
  var acc5_1 = 0.0;
  var acc5_2 = 0.0;
  var acc5_3 = 0.0;
  var acc6_0 = 0.0;
  var acc6_1 = 0.0;
  var acc6_2 = 0.0;
  var acc6_3 = 0.0;
  var acc7_0 = 0.0;
  var acc7_1 = 0.0;
  var acc7_2 = 0.0;
  var acc7_3 = 0.0;
  var acc8_0 = 0.0;
  var acc8_1 = 0.0;
  var acc8_2 = 0.0;
  var acc8_3 = 0.0;
  var acc9_0 = 0.0;
  var acc9_1 = 0.0;
  var acc9_2 = 0.0;
  var acc9_3 = 0.0;
  var acc10_0 = 0.0;
  var acc10_1 = 0.0;
  var acc10_2 = 0.0;
  var acc10_3 = 0.0;
  var acc11_0 = 0.0;
  var acc11_1 = 0.0;
  var acc11_2 = 0.0;
  var acc11_3 = 0.0;
  var acc12_0 = 0.0;
  var acc12_1 = 0.0;
  var acc12_2 = 0.0;
  var acc12_3 = 0.0;
  var acc13_0 = 0.0;
  var acc13_1 = 0.0;
  var acc13_2 = 0.0;
  var acc13_3 = 0.0;
  var acc14_0 = 0.0;
  var acc14_1 = 0.0;
  var acc14_2 = 0.0;
  var acc14_3 = 0.0;
  var acc15_0 = 0.0;
  var acc15_1 = 0.0;
  var acc15_2 = 0.0;
  var acc15_3 = 0.0;
  for (var k = 0u; k < 5u; k++) {
    let w0 = params_buf[b_col0 + k];
    let w1 = params_buf[b_col1 + k];
    let w2 = params_buf[b_col2 + k];
    let w3 = params_buf[b_col3 + k];
    let a0 = work_buf[a_row0 + k];
    acc0_0 += dot(a0, w0);
    acc0_1 += dot(a0, w1);
    acc0_2 += dot(a0, w2);
    acc0_3 += dot(a0, w3);
    if (1u < tile_rows) {
      let a1 = work_buf[a_row1 + k];
      acc1_0 += dot(a1, w0);
      acc1_1 += dot(a1, w1);
      acc1_2 += dot(a1, w2);
      acc1_3 += dot(a1, w3);
    }
    if (2u < tile_rows) {
      let a2 = work_buf[a_row2 + k];
      acc2_0 += dot(a2, w0);
      acc2_1 += dot(a2, w1);
      acc2_2 += dot(a2, w2);
      acc2_3 += dot(a2, w3);
    }
    if (3u < tile_rows) {
      let a3 = work_buf[a_row3 + k];
      acc3_0 += dot(a3, w0);
      acc3_1 += dot(a3, w1);
      acc3_2 += dot(a3, w2);
      acc3_3 += dot(a3, w3);
    }
    if (4u < tile_rows) {
      let a4 = work_buf[a_row4 + k];
      acc4_0 += dot(a4, w0);
      acc4_1 += dot(a4, w1);
      acc4_2 += dot(a4, w2);
      acc4_3 += dot(a4, w3);
    }
    if (5u < tile_rows) {
      let a5 = work_buf[a_row5 + k];
      acc5_0 += dot(a5, w0);
      acc5_1 += dot(a5, w1);
      acc5_2 += dot(a5, w2);
      acc5_3 += dot(a5, w3);
    }
    if (6u < tile_rows) {
      let a6 = work_buf[a_row6 + k];
      acc6_0 += dot(a6, w0);
      acc6_1 += dot(a6, w1);
      acc6_2 += dot(a6, w2);
      acc6_3 += dot(a6, w3);
    }
    if (7u < tile_rows) {
      let a7 = work_buf[a_row7 + k];
      acc7_0 += dot(a7, w0);
      acc7_1 += dot(a7, w1);
      acc7_2 += dot(a7, w2);
      acc7_3 += dot(a7, w3);
    }
    if (8u < tile_rows) {
      let a8 = work_buf[a_row8 + k];
      acc8_0 += dot(a8, w0);
      acc8_1 += dot(a8, w1);
      acc8_2 += dot(a8, w2);
      acc8_3 += dot(a8, w3);
    }
    if (9u < tile_rows) {
      let a9 = work_buf[a_row9 + k];
      acc9_0 += dot(a9, w0);
      acc9_1 += dot(a9, w1);
      acc9_2 += dot(a9, w2);
      acc9_3 += dot(a9, w3);
    }
    if (10u < tile_rows) {
      let a10 = work_buf[a_row10 + k];
      acc10_0 += dot(a10, w0);
      acc10_1 += dot(a10, w1);
      acc10_2 += dot(a10, w2);
      acc10_3 += dot(a10, w3);
    }
    if (11u < tile_rows) {
      let a11 = work_buf[a_row11 + k];
      acc11_0 += dot(a11, w0);
      acc11_1 += dot(a11, w1);
      acc11_2 += dot(a11, w2);
      acc11_3 += dot(a11, w3);
    }
    if (12u < tile_rows) {
      let a12 = work_buf[a_row12 + k];
      acc12_0 += dot(a12, w0);
      acc12_1 += dot(a12, w1);
      acc12_2 += dot(a12, w2);
      acc12_3 += dot(a12, w3);
    }
    if (13u < tile_rows) {
      let a13 = work_buf[a_row13 + k];
      acc13_0 += dot(a13, w0);
      acc13_1 += dot(a13, w1);
      acc13_2 += dot(a13, w2);
      acc13_3 += dot(a13, w3);
    }
    if (14u < tile_rows) {
      let a14 = work_buf[a_row14 + k];
      acc14_0 += dot(a14, w0);
      acc14_1 += dot(a14, w1);
      acc14_2 += dot(a14, w2);
      acc14_3 += dot(a14, w3);
    }
    if (15u < tile_rows) {
      let a15 = work_buf[a_row15 + k];
      acc15_0 += dot(a15, w0);
      acc15_1 += dot(a15, w1);
      acc15_2 += dot(a15, w2);
      acc15_3 += dot(a15, w3);
    }
  }
  if (row0 + 0u < rows) {
    let i0 = row0 + 0u;
    let product_gate0 = vec4f(acc0_0, acc0_1, acc0_2, acc0_3);
    let hoisted7 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0 * 5u + quad];
    let add8 = (hoisted7 + product_gate0);
    let bias_hh = params_buf[155u + quad];
    let add9 = (add8 + bias_hh);
    let h_next = tanh_safe4(add9);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0 * 5u + quad] = h_next;
  }
  if (1u < tile_rows && row0 + 1u < rows) {
    let i0_2 = row0 + 1u;
    let product_gate0_2 = vec4f(acc1_0, acc1_1, acc1_2, acc1_3);
    let hoisted7_2 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0_2 * 5u + quad];
    let add8_2 = (hoisted7_2 + product_gate0_2);
    let bias_hh_2 = params_buf[155u + quad];
    let add9_2 = (add8_2 + bias_hh_2);
    let h_next_2 = tanh_safe4(add9_2);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0_2 * 5u + quad] = h_next_2;
  }
  if (2u < tile_rows && row0 + 2u < rows) {
    let i0_3 = row0 + 2u;
    let product_gate0_3 = vec4f(acc2_0, acc2_1, acc2_2, acc2_3);
    let hoisted7_3 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0_3 * 5u + quad];
    let add8_3 = (hoisted7_3 + product_gate0_3);
    let bias_hh_3 = params_buf[155u + quad];
    let add9_3 = (add8_3 + bias_hh_3);
    let h_next_3 = tanh_safe4(add9_3);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0_3 * 5u + quad] = h_next_3;
  }
  if (3u < tile_rows && row0 + 3u < rows) {
    let i0_4 = row0 + 3u;
    let product_gate0_4 = vec4f(acc3_0, acc3_1, acc3_2, acc3_3);
    let hoisted7_4 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0_4 * 5u + quad];
    let add8_4 = (hoisted7_4 + product_gate0_4);
    let bias_hh_4 = params_buf[155u + quad];
    let add9_4 = (add8_4 + bias_hh_4);
    let h_next_4 = tanh_safe4(add9_4);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0_4 * 5u + quad] = h_next_4;
  }
  if (4u < tile_rows && row0 + 4u < rows) {
    let i0_5 = row0 + 4u;
    let product_gate0_5 = vec4f(acc4_0, acc4_1, acc4_2, acc4_3);
    let hoisted7_5 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0_5 * 5u + quad];
    let add8_5 = (hoisted7_5 + product_gate0_5);
    let bias_hh_5 = params_buf[155u + quad];
    let add9_5 = (add8_5 + bias_hh_5);
    let h_next_5 = tanh_safe4(add9_5);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0_5 * 5u + quad] = h_next_5;
  }
  if (5u < tile_rows && row0 + 5u < rows) {
    let i0_6 = row0 + 5u;
    let product_gate0_6 = vec4f(acc5_0, acc5_1, acc5_2, acc5_3);
    let hoisted7_6 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0_6 * 5u + quad];
    let add8_6 = (hoisted7_6 + product_gate0_6);
    let bias_hh_6 = params_buf[155u + quad];
    let add9_6 = (add8_6 + bias_hh_6);
    let h_next_6 = tanh_safe4(add9_6);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0_6 * 5u + quad] = h_next_6;
  }
  if (6u < tile_rows && row0 + 6u < rows) {
    let i0_7 = row0 + 6u;
    let product_gate0_7 = vec4f(acc6_0, acc6_1, acc6_2, acc6_3);
    let hoisted7_7 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0_7 * 5u + quad];
    let add8_7 = (hoisted7_7 + product_gate0_7);
    let bias_hh_7 = params_buf[155u + quad];
    let add9_7 = (add8_7 + bias_hh_7);
    let h_next_7 = tanh_safe4(add9_7);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0_7 * 5u + quad] = h_next_7;
  }
  if (7u < tile_rows && row0 + 7u < rows) {
    let i0_8 = row0 + 7u;
    let product_gate0_8 = vec4f(acc7_0, acc7_1, acc7_2, acc7_3);
    let hoisted7_8 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0_8 * 5u + quad];
    let add8_8 = (hoisted7_8 + product_gate0_8);
    let bias_hh_8 = params_buf[155u + quad];
    let add9_8 = (add8_8 + bias_hh_8);
    let h_next_8 = tanh_safe4(add9_8);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0_8 * 5u + quad] = h_next_8;
  }
  if (8u < tile_rows && row0 + 8u < rows) {
    let i0_9 = row0 + 8u;
    let product_gate0_9 = vec4f(acc8_0, acc8_1, acc8_2, acc8_3);
    let hoisted7_9 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0_9 * 5u + quad];
    let add8_9 = (hoisted7_9 + product_gate0_9);
    let bias_hh_9 = params_buf[155u + quad];
    let add9_9 = (add8_9 + bias_hh_9);
    let h_next_9 = tanh_safe4(add9_9);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0_9 * 5u + quad] = h_next_9;
  }
  if (9u < tile_rows && row0 + 9u < rows) {
    let i0_10 = row0 + 9u;
    let product_gate0_10 = vec4f(acc9_0, acc9_1, acc9_2, acc9_3);
    let hoisted7_10 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0_10 * 5u + quad];
    let add8_10 = (hoisted7_10 + product_gate0_10);
    let bias_hh_10 = params_buf[155u + quad];
    let add9_10 = (add8_10 + bias_hh_10);
    let h_next_10 = tanh_safe4(add9_10);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0_10 * 5u + quad] = h_next_10;
  }
  if (10u < tile_rows && row0 + 10u < rows) {
    let i0_11 = row0 + 10u;
    let product_gate0_11 = vec4f(acc10_0, acc10_1, acc10_2, acc10_3);
    let hoisted7_11 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0_11 * 5u + quad];
    let add8_11 = (hoisted7_11 + product_gate0_11);
    let bias_hh_11 = params_buf[155u + quad];
    let add9_11 = (add8_11 + bias_hh_11);
    let h_next_11 = tanh_safe4(add9_11);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0_11 * 5u + quad] = h_next_11;
  }
  if (11u < tile_rows && row0 + 11u < rows) {
    let i0_12 = row0 + 11u;
    let product_gate0_12 = vec4f(acc11_0, acc11_1, acc11_2, acc11_3);
    let hoisted7_12 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0_12 * 5u + quad];
    let add8_12 = (hoisted7_12 + product_gate0_12);
    let bias_hh_12 = params_buf[155u + quad];
    let add9_12 = (add8_12 + bias_hh_12);
    let h_next_12 = tanh_safe4(add9_12);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0_12 * 5u + quad] = h_next_12;
  }
  if (12u < tile_rows && row0 + 12u < rows) {
    let i0_13 = row0 + 12u;
    let product_gate0_13 = vec4f(acc12_0, acc12_1, acc12_2, acc12_3);
    let hoisted7_13 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0_13 * 5u + quad];
    let add8_13 = (hoisted7_13 + product_gate0_13);
    let bias_hh_13 = params_buf[155u + quad];
    let add9_13 = (add8_13 + bias_hh_13);
    let h_next_13 = tanh_safe4(add9_13);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0_13 * 5u + quad] = h_next_13;
  }
  if (13u < tile_rows && row0 + 13u < rows) {
    let i0_14 = row0 + 13u;
    let product_gate0_14 = vec4f(acc13_0, acc13_1, acc13_2, acc13_3);
    let hoisted7_14 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0_14 * 5u + quad];
    let add8_14 = (hoisted7_14 + product_gate0_14);
    let bias_hh_14 = params_buf[155u + quad];
    let add9_14 = (add8_14 + bias_hh_14);
    let h_next_14 = tanh_safe4(add9_14);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0_14 * 5u + quad] = h_next_14;
  }
  if (14u < tile_rows && row0 + 14u < rows) {
    let i0_15 = row0 + 14u;
    let product_gate0_15 = vec4f(acc14_0, acc14_1, acc14_2, acc14_3);
    let hoisted7_15 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0_15 * 5u + quad];
    let add8_15 = (hoisted7_15 + product_gate0_15);
    let bias_hh_15 = params_buf[155u + quad];
    let add9_15 = (add8_15 + bias_hh_15);
    let h_next_15 = tanh_safe4(add9_15);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0_15 * 5u + quad] = h_next_15;
  }
  if (15u < tile_rows && row0 + 15u < rows) {
    let i0_16 = row0 + 15u;
    let product_gate0_16 = vec4f(acc15_0, acc15_1, acc15_2, acc15_3);
    let hoisted7_16 = work_buf[8u * sizes.B * sizes.T + 20u * sizes.B + tau * 5u * sizes.B + i0_16 * 5u + quad];
    let add8_16 = (hoisted7_16 + product_gate0_16);
    let bias_hh_16 = params_buf[155u + quad];
    let add9_16 = (add8_16 + bias_hh_16);
    let h_next_16 = tanh_safe4(add9_16);
    work_buf[3u * sizes.B * sizes.T + 5u * sizes.B + write_slot * 5u * sizes.B + i0_16 * 5u + quad] = h_next_16;
  }
}
