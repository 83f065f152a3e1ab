// peephole_l0_step_v21_matmul: one time step of peephole_l0: U_i|U_f|U_c|U_o @ h (peephole_lstm.cell:27)
// a [rows, depth] x [depth, 80] product; each thread computes 8x8 outputs in registers, reading four floats at a time

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let rows = sizes.B;
  let depth = 20u;
  let row0 = gid.y * 8u;
  let col0 = gid.x * 8u;
  if (row0 >= rows || col0 >= 80u) { return; }
  let a_base = 3u * sizes.B * sizes.T + read_slot * 5u * sizes.B;
  let b_base = 200u;
  let y_base = 33u * sizes.B * sizes.T + 20u * sizes.B;
  let a_row0 = a_base + min(row0 + 0u, rows - 1u) * 5u;
  let a_row1 = a_base + min(row0 + 1u, rows - 1u) * 5u;
  let a_row2 = a_base + min(row0 + 2u, rows - 1u) * 5u;
  let a_row3 = a_base + min(row0 + 3u, rows - 1u) * 5u;
  let a_row4 = a_base + min(row0 + 4u, rows - 1u) * 5u;
  let a_row5 = a_base + min(row0 + 5u, rows - 1u) * 5u;
  let a_row6 = a_base + min(row0 + 6u, rows - 1u) * 5u;
  let a_row7 = a_base + min(row0 + 7u, rows - 1u) * 5u;
  let b_col0 = b_base + min(col0 + 0u, 79u) * 5u;
  let b_col1 = b_base + min(col0 + 1u, 79u) * 5u;
  let b_col2 = b_base + min(col0 + 2u, 79u) * 5u;
  let b_col3 = b_base + min(col0 + 3u, 79u) * 5u;
  let b_col4 = b_base + min(col0 + 4u, 79u) * 5u;
  let b_col5 = b_base + min(col0 + 5u, 79u) * 5u;
  let b_col6 = b_base + min(col0 + 6u, 79u) * 5u;
  let b_col7 = b_base + min(col0 + 7u, 79u) * 5u;
  var acc0_0 = 0.0;
  var acc0_1 = 0.0;
  var acc0_2 = 0.0;
  var acc0_3 = 0.0;
  var acc0_4 = 0.0;
  var acc0_5 = 0.0;
  var acc0_6 = 0.0;
  var acc0_7 = 0.0;
  var acc1_0 = 0.0;
  var acc1_1 = 0.0;
  var acc1_2 = 0.0;
  var acc1_3 = 0.0;
  var acc1_4 = 0.0;
  var acc1_5 = 0.0;
  var acc1_6 = 0.0;
  var acc1_7 = 0.0;
  var acc2_0 = 0.0;
  var acc2_1 = 0.0;
  var acc2_2 = 0.0;
  var acc2_3 = 0.0;
  var acc2_4 = 0.0;
  var acc2_5 = 0.0;
  var acc2_6 = 0.0;
  var acc2_7 = 0.0;
  var acc3_0 = 0.0;
  var acc3_1 = 0.0;
  var acc3_2 = 0.0;
  var acc3_3 = 0.0;
  var acc3_4 = 0.0;
  var acc3_5 = 0.0;
  var acc3_6 = 0.0;
  var acc3_7 = 0.0;
  var acc4_0 = 0.0;
  var acc4_1 = 0.0;
  var acc4_2 = 0.0;
  var acc4_3 = 0.0;
  var acc4_4 = 0.0;
  var acc4_5 = 0.0;
  var acc4_6 = 0.0;
  var acc4_7 = 0.0;
  var acc5_0 = 0.0;
  var acc5_1 = 0.0;
  var acc5_2 = 0.0;
  var acc5_3 = 0.0;
  var acc5_4 = 0.0;
  var acc5_5 = 0.0;
  var acc5_6 = 0.0;
  var acc5_7 = 0.0;
  var acc6_0 = 0.0;
  var acc6_1 = 0.0;
  var acc6_2 = 0.0;
  var acc6_3 = 0.0;
  var acc6_4 = 0.0;
  var acc6_5 = 0.0;
  var acc6_6 = 0.0;
  var acc6_7 = 0.0;
  var acc7_0 = 0.0;
  var acc7_1 = 0.0;
  var acc7_2 = 0.0;
  var acc7_3 = 0.0;
  var acc7_4 = 0.0;
  var acc7_5 = 0.0;
  var acc7_6 = 0.0;
  var acc7_7 = 0.0;
  for (var k = 0u; k < depth / 4u; k += 1u) {
    let w0 = params_buf[b_col0 + k];
    let w1 = params_buf[b_col1 + k];
    let w2 = params_buf[b_col2 + k];
    let w3 = params_buf[b_col3 + k];
    let w4 = params_buf[b_col4 + k];
    let w5 = params_buf[b_col5 + k];
    let w6 = params_buf[b_col6 + k];
    let w7 = params_buf[b_col7 + k];
    let a0 = work_buf[a_row0 + k];
    acc0_0 += dot(a0, w0);
    acc0_1 += dot(a0, w1);
    acc0_2 += dot(a0, w2);
    acc0_3 += dot(a0, w3);
    acc0_4 += dot(a0, w4);
    acc0_5 += dot(a0, w5);
    acc0_6 += dot(a0, w6);
    acc0_7 += dot(a0, w7);
    let a1 = work_buf[a_row1 + k];
    acc1_0 += dot(a1, w0);
    acc1_1 += dot(a1, w1);
    acc1_2 += dot(a1, w2);
    acc1_3 += dot(a1, w3);
    acc1_4 += dot(a1, w4);
    acc1_5 += dot(a1, w5);
    acc1_6 += dot(a1, w6);
    acc1_7 += dot(a1, w7);
    let a2 = work_buf[a_row2 + k];
    acc2_0 += dot(a2, w0);
    acc2_1 += dot(a2, w1);
    acc2_2 += dot(a2, w2);
    acc2_3 += dot(a2, w3);
    acc2_4 += dot(a2, w4);
    acc2_5 += dot(a2, w5);
    acc2_6 += dot(a2, w6);
    acc2_7 += dot(a2, w7);
    let a3 = work_buf[a_row3 + k];
    acc3_0 += dot(a3, w0);
    acc3_1 += dot(a3, w1);
    acc3_2 += dot(a3, w2);
    acc3_3 += dot(a3, w3);
    acc3_4 += dot(a3, w4);
    acc3_5 += dot(a3, w5);
    acc3_6 += dot(a3, w6);
    acc3_7 += dot(a3, w7);
    let a4 = work_buf[a_row4 + k];
    acc4_0 += dot(a4, w0);
    acc4_1 += dot(a4, w1);
    acc4_2 += dot(a4, w2);
    acc4_3 += dot(a4, w3);
    acc4_4 += dot(a4, w4);
    acc4_5 += dot(a4, w5);
    acc4_6 += dot(a4, w6);
    acc4_7 += dot(a4, w7);
    let a5 = work_buf[a_row5 + k];
    acc5_0 += dot(a5, w0);
    acc5_1 += dot(a5, w1);
    acc5_2 += dot(a5, w2);
    acc5_3 += dot(a5, w3);
    acc5_4 += dot(a5, w4);
    acc5_5 += dot(a5, w5);
    acc5_6 += dot(a5, w6);
    acc5_7 += dot(a5, w7);
    let a6 = work_buf[a_row6 + k];
    acc6_0 += dot(a6, w0);
    acc6_1 += dot(a6, w1);
    acc6_2 += dot(a6, w2);
    acc6_3 += dot(a6, w3);
    acc6_4 += dot(a6, w4);
    acc6_5 += dot(a6, w5);
    acc6_6 += dot(a6, w6);
    acc6_7 += dot(a6, w7);
    let a7 = work_buf[a_row7 + k];
    acc7_0 += dot(a7, w0);
    acc7_1 += dot(a7, w1);
    acc7_2 += dot(a7, w2);
    acc7_3 += dot(a7, w3);
    acc7_4 += dot(a7, w4);
    acc7_5 += dot(a7, w5);
    acc7_6 += dot(a7, w6);
    acc7_7 += dot(a7, w7);
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 80u) { work_buf[y_base + (row0 + 0u) * 20u + col0 / 4u + 0u] = vec4f(acc0_0, acc0_1, acc0_2, acc0_3); } if (col0 + 4u < 80u) { work_buf[y_base + (row0 + 0u) * 20u + col0 / 4u + 1u] = vec4f(acc0_4, acc0_5, acc0_6, acc0_7); } }
  if (row0 + 1u < rows) { if (col0 + 0u < 80u) { work_buf[y_base + (row0 + 1u) * 20u + col0 / 4u + 0u] = vec4f(acc1_0, acc1_1, acc1_2, acc1_3); } if (col0 + 4u < 80u) { work_buf[y_base + (row0 + 1u) * 20u + col0 / 4u + 1u] = vec4f(acc1_4, acc1_5, acc1_6, acc1_7); } }
  if (row0 + 2u < rows) { if (col0 + 0u < 80u) { work_buf[y_base + (row0 + 2u) * 20u + col0 / 4u + 0u] = vec4f(acc2_0, acc2_1, acc2_2, acc2_3); } if (col0 + 4u < 80u) { work_buf[y_base + (row0 + 2u) * 20u + col0 / 4u + 1u] = vec4f(acc2_4, acc2_5, acc2_6, acc2_7); } }
  if (row0 + 3u < rows) { if (col0 + 0u < 80u) { work_buf[y_base + (row0 + 3u) * 20u + col0 / 4u + 0u] = vec4f(acc3_0, acc3_1, acc3_2, acc3_3); } if (col0 + 4u < 80u) { work_buf[y_base + (row0 + 3u) * 20u + col0 / 4u + 1u] = vec4f(acc3_4, acc3_5, acc3_6, acc3_7); } }
  if (row0 + 4u < rows) { if (col0 + 0u < 80u) { work_buf[y_base + (row0 + 4u) * 20u + col0 / 4u + 0u] = vec4f(acc4_0, acc4_1, acc4_2, acc4_3); } if (col0 + 4u < 80u) { work_buf[y_base + (row0 + 4u) * 20u + col0 / 4u + 1u] = vec4f(acc4_4, acc4_5, acc4_6, acc4_7); } }
  if (row0 + 5u < rows) { if (col0 + 0u < 80u) { work_buf[y_base + (row0 + 5u) * 20u + col0 / 4u + 0u] = vec4f(acc5_0, acc5_1, acc5_2, acc5_3); } if (col0 + 4u < 80u) { work_buf[y_base + (row0 + 5u) * 20u + col0 / 4u + 1u] = vec4f(acc5_4, acc5_5, acc5_6, acc5_7); } }
  if (row0 + 6u < rows) { if (col0 + 0u < 80u) { work_buf[y_base + (row0 + 6u) * 20u + col0 / 4u + 0u] = vec4f(acc6_0, acc6_1, acc6_2, acc6_3); } if (col0 + 4u < 80u) { work_buf[y_base + (row0 + 6u) * 20u + col0 / 4u + 1u] = vec4f(acc6_4, acc6_5, acc6_6, acc6_7); } }
  if (row0 + 7u < rows) { if (col0 + 0u < 80u) { work_buf[y_base + (row0 + 7u) * 20u + col0 / 4u + 0u] = vec4f(acc7_0, acc7_1, acc7_2, acc7_3); } if (col0 + 4u < 80u) { work_buf[y_base + (row0 + 7u) * 20u + col0 / 4u + 1u] = vec4f(acc7_4, acc7_5, acc7_6, acc7_7); } }
}
