// lstm_l0_backward_step_v48_matmul_t: one time step of lstm_l0_backward: %47 times weight_hh (lstm.cell:17)
// a [rows, depth] x [depth, 20] product; each thread computes 16x4 outputs in registers, reading four floats at a time

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

override workgroup_x: u32 = 8u; // the workgroup's shape, chosen per adapter
override workgroup_y: u32 = 2u;
override workgroup_z: u32 = 1u;
@compute @workgroup_size(workgroup_x, workgroup_y, workgroup_z)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let tau = sizes.T - 1u - sizes.step; // time index: this run goes backwards
  let read_slot = tau + 1u;
  let write_slot = tau;
  let rows = sizes.B;
  let depth = 80u;
  let row0 = gid.y * 16u;
  let col0 = gid.x * 4u;
  if (row0 >= rows || col0 >= 20u) { return; }
  let a_base = 640u + 16u * sizes.B * sizes.T + 65u * sizes.B + tau * 20u * sizes.B;
  let b_base = 200u;
  let y_base = 13440u + 41u * sizes.B * sizes.T + 85u * sizes.B + ((sizes.T - 1u - sizes.step) % 2u) * 5u * sizes.B;
  let a_row0 = a_base + min(row0 + 0u, rows - 1u) * 20u;
  let a_row1 = a_base + min(row0 + 1u, rows - 1u) * 20u;
  let a_row2 = a_base + min(row0 + 2u, rows - 1u) * 20u;
  let a_row3 = a_base + min(row0 + 3u, rows - 1u) * 20u;
  let a_row4 = a_base + min(row0 + 4u, rows - 1u) * 20u;
  let a_row5 = a_base + min(row0 + 5u, rows - 1u) * 20u;
  let a_row6 = a_base + min(row0 + 6u, rows - 1u) * 20u;
  let a_row7 = a_base + min(row0 + 7u, rows - 1u) * 20u;
  let a_row8 = a_base + min(row0 + 8u, rows - 1u) * 20u;
  let a_row9 = a_base + min(row0 + 9u, rows - 1u) * 20u;
  let a_row10 = a_base + min(row0 + 10u, rows - 1u) * 20u;
  let a_row11 = a_base + min(row0 + 11u, rows - 1u) * 20u;
  let a_row12 = a_base + min(row0 + 12u, rows - 1u) * 20u;
  let a_row13 = a_base + min(row0 + 13u, rows - 1u) * 20u;
  let a_row14 = a_base + min(row0 + 14u, rows - 1u) * 20u;
  let a_row15 = a_base + min(row0 + 15u, rows - 1u) * 20u;
  let b_cols0 = b_base + min(col0 + 0u, 16u) / 4u;
  var acc0_0 = vec4f(0.0);
  var acc1_0 = vec4f(0.0);
  var acc2_0 = vec4f(0.0);
  var acc3_0 = vec4f(0.0);
  var acc4_0 = vec4f(0.0);
  var acc5_0 = vec4f(0.0);
  var acc6_0 = vec4f(0.0);
  var acc7_0 = vec4f(0.0);
  var acc8_0 = vec4f(0.0);
  var acc9_0 = vec4f(0.0);
  var acc10_0 = vec4f(0.0);
  var acc11_0 = vec4f(0.0);
  var acc12_0 = vec4f(0.0);
  var acc13_0 = vec4f(0.0);
  var acc14_0 = vec4f(0.0);
  var acc15_0 = vec4f(0.0);
  for (var k = 0u; k < depth / 4u; k += 1u) {
    let w0_0 = params_buf[b_cols0 + (4u * k + 0u) * 5u];
    let w1_0 = params_buf[b_cols0 + (4u * k + 1u) * 5u];
    let w2_0 = params_buf[b_cols0 + (4u * k + 2u) * 5u];
    let w3_0 = params_buf[b_cols0 + (4u * k + 3u) * 5u];
    let a0 = work_buf[a_row0 + k];
    acc0_0 += a0.x * w0_0 + a0.y * w1_0 + a0.z * w2_0 + a0.w * w3_0;
    let a1 = work_buf[a_row1 + k];
    acc1_0 += a1.x * w0_0 + a1.y * w1_0 + a1.z * w2_0 + a1.w * w3_0;
    let a2 = work_buf[a_row2 + k];
    acc2_0 += a2.x * w0_0 + a2.y * w1_0 + a2.z * w2_0 + a2.w * w3_0;
    let a3 = work_buf[a_row3 + k];
    acc3_0 += a3.x * w0_0 + a3.y * w1_0 + a3.z * w2_0 + a3.w * w3_0;
    let a4 = work_buf[a_row4 + k];
    acc4_0 += a4.x * w0_0 + a4.y * w1_0 + a4.z * w2_0 + a4.w * w3_0;
    let a5 = work_buf[a_row5 + k];
    acc5_0 += a5.x * w0_0 + a5.y * w1_0 + a5.z * w2_0 + a5.w * w3_0;
    let a6 = work_buf[a_row6 + k];
    acc6_0 += a6.x * w0_0 + a6.y * w1_0 + a6.z * w2_0 + a6.w * w3_0;
    let a7 = work_buf[a_row7 + k];
    acc7_0 += a7.x * w0_0 + a7.y * w1_0 + a7.z * w2_0 + a7.w * w3_0;
    let a8 = work_buf[a_row8 + k];
    acc8_0 += a8.x * w0_0 + a8.y * w1_0 + a8.z * w2_0 + a8.w * w3_0;
    let a9 = work_buf[a_row9 + k];
    acc9_0 += a9.x * w0_0 + a9.y * w1_0 + a9.z * w2_0 + a9.w * w3_0;
    let a10 = work_buf[a_row10 + k];
    acc10_0 += a10.x * w0_0 + a10.y * w1_0 + a10.z * w2_0 + a10.w * w3_0;
    let a11 = work_buf[a_row11 + k];
    acc11_0 += a11.x * w0_0 + a11.y * w1_0 + a11.z * w2_0 + a11.w * w3_0;
    let a12 = work_buf[a_row12 + k];
    acc12_0 += a12.x * w0_0 + a12.y * w1_0 + a12.z * w2_0 + a12.w * w3_0;
    let a13 = work_buf[a_row13 + k];
    acc13_0 += a13.x * w0_0 + a13.y * w1_0 + a13.z * w2_0 + a13.w * w3_0;
    let a14 = work_buf[a_row14 + k];
    acc14_0 += a14.x * w0_0 + a14.y * w1_0 + a14.z * w2_0 + a14.w * w3_0;
    let a15 = work_buf[a_row15 + k];
    acc15_0 += a15.x * w0_0 + a15.y * w1_0 + a15.z * w2_0 + a15.w * w3_0;
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 0u) * 5u + col0 / 4u + 0u] = acc0_0; } }
  if (row0 + 1u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 1u) * 5u + col0 / 4u + 0u] = acc1_0; } }
  if (row0 + 2u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 2u) * 5u + col0 / 4u + 0u] = acc2_0; } }
  if (row0 + 3u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 3u) * 5u + col0 / 4u + 0u] = acc3_0; } }
  if (row0 + 4u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 4u) * 5u + col0 / 4u + 0u] = acc4_0; } }
  if (row0 + 5u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 5u) * 5u + col0 / 4u + 0u] = acc5_0; } }
  if (row0 + 6u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 6u) * 5u + col0 / 4u + 0u] = acc6_0; } }
  if (row0 + 7u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 7u) * 5u + col0 / 4u + 0u] = acc7_0; } }
  if (row0 + 8u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 8u) * 5u + col0 / 4u + 0u] = acc8_0; } }
  if (row0 + 9u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 9u) * 5u + col0 / 4u + 0u] = acc9_0; } }
  if (row0 + 10u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 10u) * 5u + col0 / 4u + 0u] = acc10_0; } }
  if (row0 + 11u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 11u) * 5u + col0 / 4u + 0u] = acc11_0; } }
  if (row0 + 12u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 12u) * 5u + col0 / 4u + 0u] = acc12_0; } }
  if (row0 + 13u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 13u) * 5u + col0 / 4u + 0u] = acc13_0; } }
  if (row0 + 14u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 14u) * 5u + col0 / 4u + 0u] = acc14_0; } }
  if (row0 + 15u < rows) { if (col0 + 0u < 20u) { work_buf[y_base + (row0 + 15u) * 5u + col0 / 4u + 0u] = acc15_0; } }
}
