// matmul_W_z_W_h_matmul_h: W_z|W_h @ h (mingru.cell:15)
// a [rows, depth] x [depth, 40] product; each thread computes 16x12 outputs in registers (fewer rows if the adapter's tile_rows says), reading four floats at a time

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

override tile_rows: u32 = 16u; // rows of a thread's tile, chosen per adapter
override workgroup_x: u32 = 4u; // the workgroup's shape, chosen per adapter
override workgroup_y: u32 = 4u;
override workgroup_z: u32 = 1u;
@compute @workgroup_size(workgroup_x, workgroup_y, workgroup_z)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let rows = sizes.B * sizes.T;
  let depth = 20u;
  let row0 = gid.y * tile_rows;
  let col0 = gid.x * 12u;
  if (row0 >= rows || col0 >= 40u) { return; }
  let a_base = 18u * sizes.B * sizes.T + 20u * sizes.B;
  let b_base = 100u;
  let y_base = 8u * sizes.B * sizes.T + 15u * sizes.B;
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
  let b_col0 = b_base + min(col0 + 0u, 39u) * 5u;
  let b_col1 = b_base + min(col0 + 1u, 39u) * 5u;
  let b_col2 = b_base + min(col0 + 2u, 39u) * 5u;
  let b_col3 = b_base + min(col0 + 3u, 39u) * 5u;
  let b_col4 = b_base + min(col0 + 4u, 39u) * 5u;
  let b_col5 = b_base + min(col0 + 5u, 39u) * 5u;
  let b_col6 = b_base + min(col0 + 6u, 39u) * 5u;
  let b_col7 = b_base + min(col0 + 7u, 39u) * 5u;
  let b_col8 = b_base + min(col0 + 8u, 39u) * 5u;
  let b_col9 = b_base + min(col0 + 9u, 39u) * 5u;
  let b_col10 = b_base + min(col0 + 10u, 39u) * 5u;
  let b_col11 = b_base + min(col0 + 11u, 39u) * 5u;
  var acc0_0 = 0.0;
  var acc0_1 = 0.0;
  var acc0_2 = 0.0;
  var acc0_3 = 0.0;
  var acc0_4 = 0.0;
  var acc0_5 = 0.0;
  var acc0_6 = 0.0;
  var acc0_7 = 0.0;
  var acc0_8 = 0.0;
  var acc0_9 = 0.0;
  var acc0_10 = 0.0;
  var acc0_11 = 0.0;
  var acc1_0 = 0.0;
  var acc1_1 = 0.0;
  var acc1_2 = 0.0;
  var acc1_3 = 0.0;
  var acc1_4 = 0.0;
  var acc1_5 = 0.0;
  var acc1_6 = 0.0;
  var acc1_7 = 0.0;
  var acc1_8 = 0.0;
  var acc1_9 = 0.0;
  var acc1_10 = 0.0;
  var acc1_11 = 0.0;
  var acc2_0 = 0.0;
  var acc2_1 = 0.0;
  var acc2_2 = 0.0;
  var acc2_3 = 0.0;
  var acc2_4 = 0.0;
  var acc2_5 = 0.0;
  var acc2_6 = 0.0;
  var acc2_7 = 0.0;
  var acc2_8 = 0.0;
  var acc2_9 = 0.0;
  var acc2_10 = 0.0;
  var acc2_11 = 0.0;
  var acc3_0 = 0.0;
  var acc3_1 = 0.0;
  var acc3_2 = 0.0;
  var acc3_3 = 0.0;
  var acc3_4 = 0.0;
  var acc3_5 = 0.0;
  var acc3_6 = 0.0;
  var acc3_7 = 0.0;
  var acc3_8 = 0.0;
  var acc3_9 = 0.0;
  var acc3_10 = 0.0;
  var acc3_11 = 0.0;
  var acc4_0 = 0.0;
  var acc4_1 = 0.0;
  var acc4_2 = 0.0;
  var acc4_3 = 0.0;
  var acc4_4 = 0.0;
  var acc4_5 = 0.0;
  var acc4_6 = 0.0;
  var acc4_7 = 0.0;
  var acc4_8 = 0.0;
  var acc4_9 = 0.0;
  var acc4_10 = 0.0;
  var acc4_11 = 0.0;
  var acc5_0 = 0.0;
  var acc5_1 = 0.0;
  var acc5_2 = 0.0;
  var acc5_3 = 0.0;
  var acc5_4 = 0.0;
  var acc5_5 = 0.0;
  var acc5_6 = 0.0;
  var acc5_7 = 0.0;
  var acc5_8 = 0.0;
  var acc5_9 = 0.0;
  var acc5_10 = 0.0;
  var acc5_11 = 0.0;
  var acc6_0 = 0.0;
  var acc6_1 = 0.0;
  var acc6_2 = 0.0;
  var acc6_3 = 0.0;
  var acc6_4 = 0.0;
  var acc6_5 = 0.0;
  var acc6_6 = 0.0;
  var acc6_7 = 0.0;
  var acc6_8 = 0.0;
  var acc6_9 = 0.0;
  var acc6_10 = 0.0;
  var acc6_11 = 0.0;
  var acc7_0 = 0.0;
  var acc7_1 = 0.0;
  var acc7_2 = 0.0;
  var acc7_3 = 0.0;
  var acc7_4 = 0.0;
  var acc7_5 = 0.0;
  var acc7_6 = 0.0;
  var acc7_7 = 0.0;
  var acc7_8 = 0.0;
  var acc7_9 = 0.0;
  var acc7_10 = 0.0;
  var acc7_11 = 0.0;
  var acc8_0 = 0.0;
  var acc8_1 = 0.0;
  var acc8_2 = 0.0;
  var acc8_3 = 0.0;
  var acc8_4 = 0.0;
  var acc8_5 = 0.0;
  var acc8_6 = 0.0;
  var acc8_7 = 0.0;
  var acc8_8 = 0.0;
  var acc8_9 = 0.0;
  var acc8_10 = 0.0;
  var acc8_11 = 0.0;
  var acc9_0 = 0.0;
  var acc9_1 = 0.0;
  var acc9_2 = 0.0;
  var acc9_3 = 0.0;
  var acc9_4 = 0.0;
  var acc9_5 = 0.0;
  var acc9_6 = 0.0;
  var acc9_7 = 0.0;
  var acc9_8 = 0.0;
  var acc9_9 = 0.0;
  var acc9_10 = 0.0;
  var acc9_11 = 0.0;
  var acc10_0 = 0.0;
  var acc10_1 = 0.0;
  var acc10_2 = 0.0;
  var acc10_3 = 0.0;
  var acc10_4 = 0.0;
  var acc10_5 = 0.0;
  var acc10_6 = 0.0;
  var acc10_7 = 0.0;
  var acc10_8 = 0.0;
  var acc10_9 = 0.0;
  var acc10_10 = 0.0;
  var acc10_11 = 0.0;
  var acc11_0 = 0.0;
  var acc11_1 = 0.0;
  var acc11_2 = 0.0;
  var acc11_3 = 0.0;
  var acc11_4 = 0.0;
  var acc11_5 = 0.0;
  var acc11_6 = 0.0;
  var acc11_7 = 0.0;
  var acc11_8 = 0.0;
  var acc11_9 = 0.0;
  var acc11_10 = 0.0;
  var acc11_11 = 0.0;
  var acc12_0 = 0.0;
  var acc12_1 = 0.0;
  var acc12_2 = 0.0;
  var acc12_3 = 0.0;
  var acc12_4 = 0.0;
  var acc12_5 = 0.0;
  var acc12_6 = 0.0;
  var acc12_7 = 0.0;
  var acc12_8 = 0.0;
  var acc12_9 = 0.0;
  var acc12_10 = 0.0;
  var acc12_11 = 0.0;
  var acc13_0 = 0.0;
  var acc13_1 = 0.0;
  var acc13_2 = 0.0;
  var acc13_3 = 0.0;
  var acc13_4 = 0.0;
  var acc13_5 = 0.0;
  var acc13_6 = 0.0;
  var acc13_7 = 0.0;
  var acc13_8 = 0.0;
  var acc13_9 = 0.0;
  var acc13_10 = 0.0;
  var acc13_11 = 0.0;
  var acc14_0 = 0.0;
  var acc14_1 = 0.0;
  var acc14_2 = 0.0;
  var acc14_3 = 0.0;
  var acc14_4 = 0.0;
  var acc14_5 = 0.0;
  var acc14_6 = 0.0;
  var acc14_7 = 0.0;
  var acc14_8 = 0.0;
  var acc14_9 = 0.0;
  var acc14_10 = 0.0;
  var acc14_11 = 0.0;
  var acc15_0 = 0.0;
  var acc15_1 = 0.0;
  var acc15_2 = 0.0;
  var acc15_3 = 0.0;
  var acc15_4 = 0.0;
  var acc15_5 = 0.0;
  var acc15_6 = 0.0;
  var acc15_7 = 0.0;
  var acc15_8 = 0.0;
  var acc15_9 = 0.0;
  var acc15_10 = 0.0;
  var acc15_11 = 0.0;
  for (var k = 0u; k < depth / 4u; k += 1u) {
    let w0 = params_buf[b_col0 + k];
    let w1 = params_buf[b_col1 + k];
    let w2 = params_buf[b_col2 + k];
    let w3 = params_buf[b_col3 + k];
    let w4 = params_buf[b_col4 + k];
    let w5 = params_buf[b_col5 + k];
    let w6 = params_buf[b_col6 + k];
    let w7 = params_buf[b_col7 + k];
    let w8 = params_buf[b_col8 + k];
    let w9 = params_buf[b_col9 + k];
    let w10 = params_buf[b_col10 + k];
    let w11 = params_buf[b_col11 + k];
    let a0 = work_buf[a_row0 + k];
    acc0_0 += dot(a0, w0);
    acc0_1 += dot(a0, w1);
    acc0_2 += dot(a0, w2);
    acc0_3 += dot(a0, w3);
    acc0_4 += dot(a0, w4);
    acc0_5 += dot(a0, w5);
    acc0_6 += dot(a0, w6);
    acc0_7 += dot(a0, w7);
    acc0_8 += dot(a0, w8);
    acc0_9 += dot(a0, w9);
    acc0_10 += dot(a0, w10);
    acc0_11 += dot(a0, w11);
    if (1u < tile_rows) {
      let a1 = work_buf[a_row1 + k];
      acc1_0 += dot(a1, w0);
      acc1_1 += dot(a1, w1);
      acc1_2 += dot(a1, w2);
      acc1_3 += dot(a1, w3);
      acc1_4 += dot(a1, w4);
      acc1_5 += dot(a1, w5);
      acc1_6 += dot(a1, w6);
      acc1_7 += dot(a1, w7);
      acc1_8 += dot(a1, w8);
      acc1_9 += dot(a1, w9);
      acc1_10 += dot(a1, w10);
      acc1_11 += dot(a1, w11);
    }
    if (2u < tile_rows) {
      let a2 = work_buf[a_row2 + k];
      acc2_0 += dot(a2, w0);
      acc2_1 += dot(a2, w1);
      acc2_2 += dot(a2, w2);
      acc2_3 += dot(a2, w3);
      acc2_4 += dot(a2, w4);
      acc2_5 += dot(a2, w5);
      acc2_6 += dot(a2, w6);
      acc2_7 += dot(a2, w7);
      acc2_8 += dot(a2, w8);
      acc2_9 += dot(a2, w9);
      acc2_10 += dot(a2, w10);
      acc2_11 += dot(a2, w11);
    }
    if (3u < tile_rows) {
      let a3 = work_buf[a_row3 + k];
      acc3_0 += dot(a3, w0);
      acc3_1 += dot(a3, w1);
      acc3_2 += dot(a3, w2);
      acc3_3 += dot(a3, w3);
      acc3_4 += dot(a3, w4);
      acc3_5 += dot(a3, w5);
      acc3_6 += dot(a3, w6);
      acc3_7 += dot(a3, w7);
      acc3_8 += dot(a3, w8);
      acc3_9 += dot(a3, w9);
      acc3_10 += dot(a3, w10);
      acc3_11 += dot(a3, w11);
    }
    if (4u < tile_rows) {
      let a4 = work_buf[a_row4 + k];
      acc4_0 += dot(a4, w0);
      acc4_1 += dot(a4, w1);
      acc4_2 += dot(a4, w2);
      acc4_3 += dot(a4, w3);
      acc4_4 += dot(a4, w4);
      acc4_5 += dot(a4, w5);
      acc4_6 += dot(a4, w6);
      acc4_7 += dot(a4, w7);
      acc4_8 += dot(a4, w8);
      acc4_9 += dot(a4, w9);
      acc4_10 += dot(a4, w10);
      acc4_11 += dot(a4, w11);
    }
    if (5u < tile_rows) {
      let a5 = work_buf[a_row5 + k];
      acc5_0 += dot(a5, w0);
      acc5_1 += dot(a5, w1);
      acc5_2 += dot(a5, w2);
      acc5_3 += dot(a5, w3);
      acc5_4 += dot(a5, w4);
      acc5_5 += dot(a5, w5);
      acc5_6 += dot(a5, w6);
      acc5_7 += dot(a5, w7);
      acc5_8 += dot(a5, w8);
      acc5_9 += dot(a5, w9);
      acc5_10 += dot(a5, w10);
      acc5_11 += dot(a5, w11);
    }
    if (6u < tile_rows) {
      let a6 = work_buf[a_row6 + k];
      acc6_0 += dot(a6, w0);
      acc6_1 += dot(a6, w1);
      acc6_2 += dot(a6, w2);
      acc6_3 += dot(a6, w3);
      acc6_4 += dot(a6, w4);
      acc6_5 += dot(a6, w5);
      acc6_6 += dot(a6, w6);
      acc6_7 += dot(a6, w7);
      acc6_8 += dot(a6, w8);
      acc6_9 += dot(a6, w9);
      acc6_10 += dot(a6, w10);
      acc6_11 += dot(a6, w11);
    }
    if (7u < tile_rows) {
      let a7 = work_buf[a_row7 + k];
      acc7_0 += dot(a7, w0);
      acc7_1 += dot(a7, w1);
      acc7_2 += dot(a7, w2);
      acc7_3 += dot(a7, w3);
      acc7_4 += dot(a7, w4);
      acc7_5 += dot(a7, w5);
      acc7_6 += dot(a7, w6);
      acc7_7 += dot(a7, w7);
      acc7_8 += dot(a7, w8);
      acc7_9 += dot(a7, w9);
      acc7_10 += dot(a7, w10);
      acc7_11 += dot(a7, w11);
    }
    if (8u < tile_rows) {
      let a8 = work_buf[a_row8 + k];
      acc8_0 += dot(a8, w0);
      acc8_1 += dot(a8, w1);
      acc8_2 += dot(a8, w2);
      acc8_3 += dot(a8, w3);
      acc8_4 += dot(a8, w4);
      acc8_5 += dot(a8, w5);
      acc8_6 += dot(a8, w6);
      acc8_7 += dot(a8, w7);
      acc8_8 += dot(a8, w8);
      acc8_9 += dot(a8, w9);
      acc8_10 += dot(a8, w10);
      acc8_11 += dot(a8, w11);
    }
    if (9u < tile_rows) {
      let a9 = work_buf[a_row9 + k];
      acc9_0 += dot(a9, w0);
      acc9_1 += dot(a9, w1);
      acc9_2 += dot(a9, w2);
      acc9_3 += dot(a9, w3);
      acc9_4 += dot(a9, w4);
      acc9_5 += dot(a9, w5);
      acc9_6 += dot(a9, w6);
      acc9_7 += dot(a9, w7);
      acc9_8 += dot(a9, w8);
      acc9_9 += dot(a9, w9);
      acc9_10 += dot(a9, w10);
      acc9_11 += dot(a9, w11);
    }
    if (10u < tile_rows) {
      let a10 = work_buf[a_row10 + k];
      acc10_0 += dot(a10, w0);
      acc10_1 += dot(a10, w1);
      acc10_2 += dot(a10, w2);
      acc10_3 += dot(a10, w3);
      acc10_4 += dot(a10, w4);
      acc10_5 += dot(a10, w5);
      acc10_6 += dot(a10, w6);
      acc10_7 += dot(a10, w7);
      acc10_8 += dot(a10, w8);
      acc10_9 += dot(a10, w9);
      acc10_10 += dot(a10, w10);
      acc10_11 += dot(a10, w11);
    }
    if (11u < tile_rows) {
      let a11 = work_buf[a_row11 + k];
      acc11_0 += dot(a11, w0);
      acc11_1 += dot(a11, w1);
      acc11_2 += dot(a11, w2);
      acc11_3 += dot(a11, w3);
      acc11_4 += dot(a11, w4);
      acc11_5 += dot(a11, w5);
      acc11_6 += dot(a11, w6);
      acc11_7 += dot(a11, w7);
      acc11_8 += dot(a11, w8);
      acc11_9 += dot(a11, w9);
      acc11_10 += dot(a11, w10);
      acc11_11 += dot(a11, w11);
    }
    if (12u < tile_rows) {
      let a12 = work_buf[a_row12 + k];
      acc12_0 += dot(a12, w0);
      acc12_1 += dot(a12, w1);
      acc12_2 += dot(a12, w2);
      acc12_3 += dot(a12, w3);
      acc12_4 += dot(a12, w4);
      acc12_5 += dot(a12, w5);
      acc12_6 += dot(a12, w6);
      acc12_7 += dot(a12, w7);
      acc12_8 += dot(a12, w8);
      acc12_9 += dot(a12, w9);
      acc12_10 += dot(a12, w10);
      acc12_11 += dot(a12, w11);
    }
    if (13u < tile_rows) {
      let a13 = work_buf[a_row13 + k];
      acc13_0 += dot(a13, w0);
      acc13_1 += dot(a13, w1);
      acc13_2 += dot(a13, w2);
      acc13_3 += dot(a13, w3);
      acc13_4 += dot(a13, w4);
      acc13_5 += dot(a13, w5);
      acc13_6 += dot(a13, w6);
      acc13_7 += dot(a13, w7);
      acc13_8 += dot(a13, w8);
      acc13_9 += dot(a13, w9);
      acc13_10 += dot(a13, w10);
      acc13_11 += dot(a13, w11);
    }
    if (14u < tile_rows) {
      let a14 = work_buf[a_row14 + k];
      acc14_0 += dot(a14, w0);
      acc14_1 += dot(a14, w1);
      acc14_2 += dot(a14, w2);
      acc14_3 += dot(a14, w3);
      acc14_4 += dot(a14, w4);
      acc14_5 += dot(a14, w5);
      acc14_6 += dot(a14, w6);
      acc14_7 += dot(a14, w7);
      acc14_8 += dot(a14, w8);
      acc14_9 += dot(a14, w9);
      acc14_10 += dot(a14, w10);
      acc14_11 += dot(a14, w11);
    }
    if (15u < tile_rows) {
      let a15 = work_buf[a_row15 + k];
      acc15_0 += dot(a15, w0);
      acc15_1 += dot(a15, w1);
      acc15_2 += dot(a15, w2);
      acc15_3 += dot(a15, w3);
      acc15_4 += dot(a15, w4);
      acc15_5 += dot(a15, w5);
      acc15_6 += dot(a15, w6);
      acc15_7 += dot(a15, w7);
      acc15_8 += dot(a15, w8);
      acc15_9 += dot(a15, w9);
      acc15_10 += dot(a15, w10);
      acc15_11 += dot(a15, w11);
    }
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 0u) * 10u + col0 / 4u + 0u] = vec4f(acc0_0, acc0_1, acc0_2, acc0_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 0u) * 10u + col0 / 4u + 1u] = vec4f(acc0_4, acc0_5, acc0_6, acc0_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 0u) * 10u + col0 / 4u + 2u] = vec4f(acc0_8, acc0_9, acc0_10, acc0_11); } }
  if (1u < tile_rows && row0 + 1u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 1u) * 10u + col0 / 4u + 0u] = vec4f(acc1_0, acc1_1, acc1_2, acc1_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 1u) * 10u + col0 / 4u + 1u] = vec4f(acc1_4, acc1_5, acc1_6, acc1_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 1u) * 10u + col0 / 4u + 2u] = vec4f(acc1_8, acc1_9, acc1_10, acc1_11); } }
  if (2u < tile_rows && row0 + 2u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 2u) * 10u + col0 / 4u + 0u] = vec4f(acc2_0, acc2_1, acc2_2, acc2_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 2u) * 10u + col0 / 4u + 1u] = vec4f(acc2_4, acc2_5, acc2_6, acc2_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 2u) * 10u + col0 / 4u + 2u] = vec4f(acc2_8, acc2_9, acc2_10, acc2_11); } }
  if (3u < tile_rows && row0 + 3u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 3u) * 10u + col0 / 4u + 0u] = vec4f(acc3_0, acc3_1, acc3_2, acc3_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 3u) * 10u + col0 / 4u + 1u] = vec4f(acc3_4, acc3_5, acc3_6, acc3_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 3u) * 10u + col0 / 4u + 2u] = vec4f(acc3_8, acc3_9, acc3_10, acc3_11); } }
  if (4u < tile_rows && row0 + 4u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 4u) * 10u + col0 / 4u + 0u] = vec4f(acc4_0, acc4_1, acc4_2, acc4_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 4u) * 10u + col0 / 4u + 1u] = vec4f(acc4_4, acc4_5, acc4_6, acc4_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 4u) * 10u + col0 / 4u + 2u] = vec4f(acc4_8, acc4_9, acc4_10, acc4_11); } }
  if (5u < tile_rows && row0 + 5u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 5u) * 10u + col0 / 4u + 0u] = vec4f(acc5_0, acc5_1, acc5_2, acc5_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 5u) * 10u + col0 / 4u + 1u] = vec4f(acc5_4, acc5_5, acc5_6, acc5_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 5u) * 10u + col0 / 4u + 2u] = vec4f(acc5_8, acc5_9, acc5_10, acc5_11); } }
  if (6u < tile_rows && row0 + 6u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 6u) * 10u + col0 / 4u + 0u] = vec4f(acc6_0, acc6_1, acc6_2, acc6_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 6u) * 10u + col0 / 4u + 1u] = vec4f(acc6_4, acc6_5, acc6_6, acc6_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 6u) * 10u + col0 / 4u + 2u] = vec4f(acc6_8, acc6_9, acc6_10, acc6_11); } }
  if (7u < tile_rows && row0 + 7u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 7u) * 10u + col0 / 4u + 0u] = vec4f(acc7_0, acc7_1, acc7_2, acc7_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 7u) * 10u + col0 / 4u + 1u] = vec4f(acc7_4, acc7_5, acc7_6, acc7_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 7u) * 10u + col0 / 4u + 2u] = vec4f(acc7_8, acc7_9, acc7_10, acc7_11); } }
  if (8u < tile_rows && row0 + 8u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 8u) * 10u + col0 / 4u + 0u] = vec4f(acc8_0, acc8_1, acc8_2, acc8_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 8u) * 10u + col0 / 4u + 1u] = vec4f(acc8_4, acc8_5, acc8_6, acc8_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 8u) * 10u + col0 / 4u + 2u] = vec4f(acc8_8, acc8_9, acc8_10, acc8_11); } }
  if (9u < tile_rows && row0 + 9u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 9u) * 10u + col0 / 4u + 0u] = vec4f(acc9_0, acc9_1, acc9_2, acc9_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 9u) * 10u + col0 / 4u + 1u] = vec4f(acc9_4, acc9_5, acc9_6, acc9_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 9u) * 10u + col0 / 4u + 2u] = vec4f(acc9_8, acc9_9, acc9_10, acc9_11); } }
  if (10u < tile_rows && row0 + 10u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 10u) * 10u + col0 / 4u + 0u] = vec4f(acc10_0, acc10_1, acc10_2, acc10_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 10u) * 10u + col0 / 4u + 1u] = vec4f(acc10_4, acc10_5, acc10_6, acc10_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 10u) * 10u + col0 / 4u + 2u] = vec4f(acc10_8, acc10_9, acc10_10, acc10_11); } }
  if (11u < tile_rows && row0 + 11u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 11u) * 10u + col0 / 4u + 0u] = vec4f(acc11_0, acc11_1, acc11_2, acc11_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 11u) * 10u + col0 / 4u + 1u] = vec4f(acc11_4, acc11_5, acc11_6, acc11_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 11u) * 10u + col0 / 4u + 2u] = vec4f(acc11_8, acc11_9, acc11_10, acc11_11); } }
  if (12u < tile_rows && row0 + 12u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 12u) * 10u + col0 / 4u + 0u] = vec4f(acc12_0, acc12_1, acc12_2, acc12_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 12u) * 10u + col0 / 4u + 1u] = vec4f(acc12_4, acc12_5, acc12_6, acc12_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 12u) * 10u + col0 / 4u + 2u] = vec4f(acc12_8, acc12_9, acc12_10, acc12_11); } }
  if (13u < tile_rows && row0 + 13u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 13u) * 10u + col0 / 4u + 0u] = vec4f(acc13_0, acc13_1, acc13_2, acc13_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 13u) * 10u + col0 / 4u + 1u] = vec4f(acc13_4, acc13_5, acc13_6, acc13_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 13u) * 10u + col0 / 4u + 2u] = vec4f(acc13_8, acc13_9, acc13_10, acc13_11); } }
  if (14u < tile_rows && row0 + 14u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 14u) * 10u + col0 / 4u + 0u] = vec4f(acc14_0, acc14_1, acc14_2, acc14_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 14u) * 10u + col0 / 4u + 1u] = vec4f(acc14_4, acc14_5, acc14_6, acc14_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 14u) * 10u + col0 / 4u + 2u] = vec4f(acc14_8, acc14_9, acc14_10, acc14_11); } }
  if (15u < tile_rows && row0 + 15u < rows) { if (col0 + 0u < 40u) { work_buf[y_base + (row0 + 15u) * 10u + col0 / 4u + 0u] = vec4f(acc15_0, acc15_1, acc15_2, acc15_3); } if (col0 + 4u < 40u) { work_buf[y_base + (row0 + 15u) * 10u + col0 / 4u + 1u] = vec4f(acc15_4, acc15_5, acc15_6, acc15_7); } if (col0 + 8u < 40u) { work_buf[y_base + (row0 + 15u) * 10u + col0 / 4u + 2u] = vec4f(acc15_8, acc15_9, acc15_10, acc15_11); } }
}
