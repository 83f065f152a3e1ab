// matmul_W_l1_matmul_h: W_l1 @ h (indrnn.cell:14)
// a [rows, depth] x [depth, 20] product; each thread computes 16x4 outputs in registers (fewer rows if the adapter's tile_rows says), reading four floats at a time

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

override tile_rows: u32 = 16u; // rows of a thread's tile, chosen per adapter
override workgroup_x: u32 = 8u; // the workgroup's shape, chosen per adapter
override workgroup_y: u32 = 2u;
override workgroup_z: u32 = 1u;
@compute @workgroup_size(workgroup_x, workgroup_y, workgroup_z)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let rows = sizes.B * sizes.T;
  let depth = 20u;
  let row0 = gid.y * tile_rows;
  let col0 = gid.x * 4u;
  if (row0 >= rows || col0 >= 20u) { return; }
  let a_base = 8u * sizes.B * sizes.T + 30u * sizes.B;
  let b_base = 60u;
  let y_base = 13u * sizes.B * sizes.T + 30u * sizes.B;
  let a_row0 = a_base + min(row0 + 0u, rows - 1u) * 5u;
  let a_row1 = a_base + min(row0 + 1u, rows - 1u) * 5u;
  let a_row2 = a_base + min(row0 + 2u, rows - 1u) * 5u;
  let a_row3 = a_base + min(row0 + 3u, rows - 1u) * 5u;
  let a_row4 = a_base + min(row0 + 4u, rows - 1u) * 5u;
  let a_row5 = a_base + min(row0 + 5u, rows - 1u) * 5u;
  let a_row6 = a_base + min(row0 + 6u, rows - 1u) * 5u;
  let a_row7 = a_base + min(row0 + 7u, rows - 1u) * 5u;
  let a_row8 = a_base + min(row0 + 8u, rows - 1u) * 5u;
  let a_row9 = a_base + min(row0 + 9u, rows - 1u) * 5u;
  let a_row10 = a_base + min(row0 + 10u, rows - 1u) * 5u;
  let a_row11 = a_base + min(row0 + 11u, rows - 1u) * 5u;
  let a_row12 = a_base + min(row0 + 12u, rows - 1u) * 5u;
  let a_row13 = a_base + min(row0 + 13u, rows - 1u) * 5u;
  let a_row14 = a_base + min(row0 + 14u, rows - 1u) * 5u;
  let a_row15 = a_base + min(row0 + 15u, rows - 1u) * 5u;
  let b_col0 = b_base + min(col0 + 0u, 19u) * 5u;
  let b_col1 = b_base + min(col0 + 1u, 19u) * 5u;
  let b_col2 = b_base + min(col0 + 2u, 19u) * 5u;
  let b_col3 = b_base + min(col0 + 3u, 19u) * 5u;
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
  for (var k = 0u; k < depth / 4u; k += 1u) {
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
  if (row0 + 0u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 0u) * 5u + col0 / 4u + 0u] = vec4f(acc0_0, acc0_1, acc0_2, acc0_3); } }
  if (1u < tile_rows && row0 + 1u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 1u) * 5u + col0 / 4u + 0u] = vec4f(acc1_0, acc1_1, acc1_2, acc1_3); } }
  if (2u < tile_rows && row0 + 2u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 2u) * 5u + col0 / 4u + 0u] = vec4f(acc2_0, acc2_1, acc2_2, acc2_3); } }
  if (3u < tile_rows && row0 + 3u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 3u) * 5u + col0 / 4u + 0u] = vec4f(acc3_0, acc3_1, acc3_2, acc3_3); } }
  if (4u < tile_rows && row0 + 4u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 4u) * 5u + col0 / 4u + 0u] = vec4f(acc4_0, acc4_1, acc4_2, acc4_3); } }
  if (5u < tile_rows && row0 + 5u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 5u) * 5u + col0 / 4u + 0u] = vec4f(acc5_0, acc5_1, acc5_2, acc5_3); } }
  if (6u < tile_rows && row0 + 6u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 6u) * 5u + col0 / 4u + 0u] = vec4f(acc6_0, acc6_1, acc6_2, acc6_3); } }
  if (7u < tile_rows && row0 + 7u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 7u) * 5u + col0 / 4u + 0u] = vec4f(acc7_0, acc7_1, acc7_2, acc7_3); } }
  if (8u < tile_rows && row0 + 8u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 8u) * 5u + col0 / 4u + 0u] = vec4f(acc8_0, acc8_1, acc8_2, acc8_3); } }
  if (9u < tile_rows && row0 + 9u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 9u) * 5u + col0 / 4u + 0u] = vec4f(acc9_0, acc9_1, acc9_2, acc9_3); } }
  if (10u < tile_rows && row0 + 10u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 10u) * 5u + col0 / 4u + 0u] = vec4f(acc10_0, acc10_1, acc10_2, acc10_3); } }
  if (11u < tile_rows && row0 + 11u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 11u) * 5u + col0 / 4u + 0u] = vec4f(acc11_0, acc11_1, acc11_2, acc11_3); } }
  if (12u < tile_rows && row0 + 12u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 12u) * 5u + col0 / 4u + 0u] = vec4f(acc12_0, acc12_1, acc12_2, acc12_3); } }
  if (13u < tile_rows && row0 + 13u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 13u) * 5u + col0 / 4u + 0u] = vec4f(acc13_0, acc13_1, acc13_2, acc13_3); } }
  if (14u < tile_rows && row0 + 14u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 14u) * 5u + col0 / 4u + 0u] = vec4f(acc14_0, acc14_1, acc14_2, acc14_3); } }
  if (15u < tile_rows && row0 + 15u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 15u) * 5u + col0 / 4u + 0u] = vec4f(acc15_0, acc15_1, acc15_2, acc15_3); } }
}
