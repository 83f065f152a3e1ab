// matmul_logits: decoder_weight @ h + bias (char_lstm.cell:36)
// a [rows, depth] x [depth, 65] product; each thread computes 16x8 outputs in registers

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

override workgroup_x: u32 = 8u; // the workgroup's shape, chosen per adapter
override workgroup_y: u32 = 8u;
override workgroup_z: u32 = 1u;
@compute @workgroup_size(workgroup_x, workgroup_y, workgroup_z)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let rows = sizes.B * sizes.T;
  let depth = 256u;
  let row0 = gid.y * 16u;
  let col0 = gid.x * 8u;
  if (row0 >= rows || col0 >= 65u) { return; }
  // clamp reads at the edges; only in-range results are written
  let r0 = min(row0 + 0u, rows - 1u);
  let r1 = min(row0 + 1u, rows - 1u);
  let r2 = min(row0 + 2u, rows - 1u);
  let r3 = min(row0 + 3u, rows - 1u);
  let r4 = min(row0 + 4u, rows - 1u);
  let r5 = min(row0 + 5u, rows - 1u);
  let r6 = min(row0 + 6u, rows - 1u);
  let r7 = min(row0 + 7u, rows - 1u);
  let r8 = min(row0 + 8u, rows - 1u);
  let r9 = min(row0 + 9u, rows - 1u);
  let r10 = min(row0 + 10u, rows - 1u);
  let r11 = min(row0 + 11u, rows - 1u);
  let r12 = min(row0 + 12u, rows - 1u);
  let r13 = min(row0 + 13u, rows - 1u);
  let r14 = min(row0 + 14u, rows - 1u);
  let r15 = min(row0 + 15u, rows - 1u);
  let c0 = min(col0 + 0u, 64u);
  let c1 = min(col0 + 1u, 64u);
  let c2 = min(col0 + 2u, 64u);
  let c3 = min(col0 + 3u, 64u);
  let c4 = min(col0 + 4u, 64u);
  let c5 = min(col0 + 5u, 64u);
  let c6 = min(col0 + 6u, 64u);
  let c7 = min(col0 + 7u, 64u);
  var acc0_0 = vec4f(0.0);
  var acc0_1 = vec4f(0.0);
  var acc1_0 = vec4f(0.0);
  var acc1_1 = vec4f(0.0);
  var acc2_0 = vec4f(0.0);
  var acc2_1 = vec4f(0.0);
  var acc3_0 = vec4f(0.0);
  var acc3_1 = vec4f(0.0);
  var acc4_0 = vec4f(0.0);
  var acc4_1 = vec4f(0.0);
  var acc5_0 = vec4f(0.0);
  var acc5_1 = vec4f(0.0);
  var acc6_0 = vec4f(0.0);
  var acc6_1 = vec4f(0.0);
  var acc7_0 = vec4f(0.0);
  var acc7_1 = vec4f(0.0);
  var acc8_0 = vec4f(0.0);
  var acc8_1 = vec4f(0.0);
  var acc9_0 = vec4f(0.0);
  var acc9_1 = vec4f(0.0);
  var acc10_0 = vec4f(0.0);
  var acc10_1 = vec4f(0.0);
  var acc11_0 = vec4f(0.0);
  var acc11_1 = vec4f(0.0);
  var acc12_0 = vec4f(0.0);
  var acc12_1 = vec4f(0.0);
  var acc13_0 = vec4f(0.0);
  var acc13_1 = vec4f(0.0);
  var acc14_0 = vec4f(0.0);
  var acc14_1 = vec4f(0.0);
  var acc15_0 = vec4f(0.0);
  var acc15_1 = vec4f(0.0);
  for (var k = 0u; k < depth; k += 1u) {
    let w0 = vec4f(params_buf[4160u + c0 * 256u + k], params_buf[4160u + c1 * 256u + k], params_buf[4160u + c2 * 256u + k], params_buf[4160u + c3 * 256u + k]);
    let w1 = vec4f(params_buf[4160u + c4 * 256u + k], params_buf[4160u + c5 * 256u + k], params_buf[4160u + c6 * 256u + k], params_buf[4160u + c7 * 256u + k]);
    let a0 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r0 * 256u + k];
    acc0_0 += a0 * w0;
    acc0_1 += a0 * w1;
    let a1 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r1 * 256u + k];
    acc1_0 += a1 * w0;
    acc1_1 += a1 * w1;
    let a2 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r2 * 256u + k];
    acc2_0 += a2 * w0;
    acc2_1 += a2 * w1;
    let a3 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r3 * 256u + k];
    acc3_0 += a3 * w0;
    acc3_1 += a3 * w1;
    let a4 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r4 * 256u + k];
    acc4_0 += a4 * w0;
    acc4_1 += a4 * w1;
    let a5 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r5 * 256u + k];
    acc5_0 += a5 * w0;
    acc5_1 += a5 * w1;
    let a6 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r6 * 256u + k];
    acc6_0 += a6 * w0;
    acc6_1 += a6 * w1;
    let a7 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r7 * 256u + k];
    acc7_0 += a7 * w0;
    acc7_1 += a7 * w1;
    let a8 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r8 * 256u + k];
    acc8_0 += a8 * w0;
    acc8_1 += a8 * w1;
    let a9 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r9 * 256u + k];
    acc9_0 += a9 * w0;
    acc9_1 += a9 * w1;
    let a10 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r10 * 256u + k];
    acc10_0 += a10 * w0;
    acc10_1 += a10 * w1;
    let a11 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r11 * 256u + k];
    acc11_0 += a11 * w0;
    acc11_1 += a11 * w1;
    let a12 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r12 * 256u + k];
    acc12_0 += a12 * w0;
    acc12_1 += a12 * w1;
    let a13 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r13 * 256u + k];
    acc13_0 += a13 * w0;
    acc13_1 += a13 * w1;
    let a14 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r14 * 256u + k];
    acc14_0 += a14 * w0;
    acc14_1 += a14 * w1;
    let a15 = work_buf[1356u * sizes.B * sizes.T + 4608u * sizes.B + 4u + r15 * 256u + k];
    acc15_0 += a15 * w0;
    acc15_1 += a15 * w1;
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 0u) * 65u + col0 + 0u] = acc0_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 0u) * 65u + col0 + 1u] = acc0_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 0u) * 65u + col0 + 2u] = acc0_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 0u) * 65u + col0 + 3u] = acc0_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 0u) * 65u + col0 + 4u] = acc0_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 0u) * 65u + col0 + 5u] = acc0_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 0u) * 65u + col0 + 6u] = acc0_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 0u) * 65u + col0 + 7u] = acc0_1[3] + params_buf[20800u + c7]; } }
  if (row0 + 1u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 1u) * 65u + col0 + 0u] = acc1_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 1u) * 65u + col0 + 1u] = acc1_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 1u) * 65u + col0 + 2u] = acc1_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 1u) * 65u + col0 + 3u] = acc1_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 1u) * 65u + col0 + 4u] = acc1_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 1u) * 65u + col0 + 5u] = acc1_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 1u) * 65u + col0 + 6u] = acc1_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 1u) * 65u + col0 + 7u] = acc1_1[3] + params_buf[20800u + c7]; } }
  if (row0 + 2u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 2u) * 65u + col0 + 0u] = acc2_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 2u) * 65u + col0 + 1u] = acc2_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 2u) * 65u + col0 + 2u] = acc2_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 2u) * 65u + col0 + 3u] = acc2_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 2u) * 65u + col0 + 4u] = acc2_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 2u) * 65u + col0 + 5u] = acc2_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 2u) * 65u + col0 + 6u] = acc2_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 2u) * 65u + col0 + 7u] = acc2_1[3] + params_buf[20800u + c7]; } }
  if (row0 + 3u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 3u) * 65u + col0 + 0u] = acc3_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 3u) * 65u + col0 + 1u] = acc3_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 3u) * 65u + col0 + 2u] = acc3_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 3u) * 65u + col0 + 3u] = acc3_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 3u) * 65u + col0 + 4u] = acc3_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 3u) * 65u + col0 + 5u] = acc3_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 3u) * 65u + col0 + 6u] = acc3_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 3u) * 65u + col0 + 7u] = acc3_1[3] + params_buf[20800u + c7]; } }
  if (row0 + 4u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 4u) * 65u + col0 + 0u] = acc4_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 4u) * 65u + col0 + 1u] = acc4_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 4u) * 65u + col0 + 2u] = acc4_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 4u) * 65u + col0 + 3u] = acc4_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 4u) * 65u + col0 + 4u] = acc4_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 4u) * 65u + col0 + 5u] = acc4_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 4u) * 65u + col0 + 6u] = acc4_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 4u) * 65u + col0 + 7u] = acc4_1[3] + params_buf[20800u + c7]; } }
  if (row0 + 5u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 5u) * 65u + col0 + 0u] = acc5_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 5u) * 65u + col0 + 1u] = acc5_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 5u) * 65u + col0 + 2u] = acc5_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 5u) * 65u + col0 + 3u] = acc5_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 5u) * 65u + col0 + 4u] = acc5_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 5u) * 65u + col0 + 5u] = acc5_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 5u) * 65u + col0 + 6u] = acc5_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 5u) * 65u + col0 + 7u] = acc5_1[3] + params_buf[20800u + c7]; } }
  if (row0 + 6u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 6u) * 65u + col0 + 0u] = acc6_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 6u) * 65u + col0 + 1u] = acc6_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 6u) * 65u + col0 + 2u] = acc6_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 6u) * 65u + col0 + 3u] = acc6_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 6u) * 65u + col0 + 4u] = acc6_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 6u) * 65u + col0 + 5u] = acc6_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 6u) * 65u + col0 + 6u] = acc6_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 6u) * 65u + col0 + 7u] = acc6_1[3] + params_buf[20800u + c7]; } }
  if (row0 + 7u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 7u) * 65u + col0 + 0u] = acc7_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 7u) * 65u + col0 + 1u] = acc7_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 7u) * 65u + col0 + 2u] = acc7_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 7u) * 65u + col0 + 3u] = acc7_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 7u) * 65u + col0 + 4u] = acc7_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 7u) * 65u + col0 + 5u] = acc7_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 7u) * 65u + col0 + 6u] = acc7_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 7u) * 65u + col0 + 7u] = acc7_1[3] + params_buf[20800u + c7]; } }
  if (row0 + 8u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 8u) * 65u + col0 + 0u] = acc8_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 8u) * 65u + col0 + 1u] = acc8_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 8u) * 65u + col0 + 2u] = acc8_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 8u) * 65u + col0 + 3u] = acc8_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 8u) * 65u + col0 + 4u] = acc8_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 8u) * 65u + col0 + 5u] = acc8_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 8u) * 65u + col0 + 6u] = acc8_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 8u) * 65u + col0 + 7u] = acc8_1[3] + params_buf[20800u + c7]; } }
  if (row0 + 9u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 9u) * 65u + col0 + 0u] = acc9_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 9u) * 65u + col0 + 1u] = acc9_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 9u) * 65u + col0 + 2u] = acc9_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 9u) * 65u + col0 + 3u] = acc9_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 9u) * 65u + col0 + 4u] = acc9_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 9u) * 65u + col0 + 5u] = acc9_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 9u) * 65u + col0 + 6u] = acc9_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 9u) * 65u + col0 + 7u] = acc9_1[3] + params_buf[20800u + c7]; } }
  if (row0 + 10u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 10u) * 65u + col0 + 0u] = acc10_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 10u) * 65u + col0 + 1u] = acc10_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 10u) * 65u + col0 + 2u] = acc10_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 10u) * 65u + col0 + 3u] = acc10_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 10u) * 65u + col0 + 4u] = acc10_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 10u) * 65u + col0 + 5u] = acc10_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 10u) * 65u + col0 + 6u] = acc10_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 10u) * 65u + col0 + 7u] = acc10_1[3] + params_buf[20800u + c7]; } }
  if (row0 + 11u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 11u) * 65u + col0 + 0u] = acc11_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 11u) * 65u + col0 + 1u] = acc11_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 11u) * 65u + col0 + 2u] = acc11_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 11u) * 65u + col0 + 3u] = acc11_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 11u) * 65u + col0 + 4u] = acc11_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 11u) * 65u + col0 + 5u] = acc11_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 11u) * 65u + col0 + 6u] = acc11_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 11u) * 65u + col0 + 7u] = acc11_1[3] + params_buf[20800u + c7]; } }
  if (row0 + 12u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 12u) * 65u + col0 + 0u] = acc12_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 12u) * 65u + col0 + 1u] = acc12_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 12u) * 65u + col0 + 2u] = acc12_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 12u) * 65u + col0 + 3u] = acc12_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 12u) * 65u + col0 + 4u] = acc12_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 12u) * 65u + col0 + 5u] = acc12_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 12u) * 65u + col0 + 6u] = acc12_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 12u) * 65u + col0 + 7u] = acc12_1[3] + params_buf[20800u + c7]; } }
  if (row0 + 13u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 13u) * 65u + col0 + 0u] = acc13_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 13u) * 65u + col0 + 1u] = acc13_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 13u) * 65u + col0 + 2u] = acc13_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 13u) * 65u + col0 + 3u] = acc13_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 13u) * 65u + col0 + 4u] = acc13_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 13u) * 65u + col0 + 5u] = acc13_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 13u) * 65u + col0 + 6u] = acc13_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 13u) * 65u + col0 + 7u] = acc13_1[3] + params_buf[20800u + c7]; } }
  if (row0 + 14u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 14u) * 65u + col0 + 0u] = acc14_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 14u) * 65u + col0 + 1u] = acc14_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 14u) * 65u + col0 + 2u] = acc14_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 14u) * 65u + col0 + 3u] = acc14_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 14u) * 65u + col0 + 4u] = acc14_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 14u) * 65u + col0 + 5u] = acc14_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 14u) * 65u + col0 + 6u] = acc14_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 14u) * 65u + col0 + 7u] = acc14_1[3] + params_buf[20800u + c7]; } }
  if (row0 + 15u < rows) { if (col0 + 0u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 15u) * 65u + col0 + 0u] = acc15_0[0] + params_buf[20800u + c0]; } if (col0 + 1u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 15u) * 65u + col0 + 1u] = acc15_0[1] + params_buf[20800u + c1]; } if (col0 + 2u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 15u) * 65u + col0 + 2u] = acc15_0[2] + params_buf[20800u + c2]; } if (col0 + 3u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 15u) * 65u + col0 + 3u] = acc15_0[3] + params_buf[20800u + c3]; } if (col0 + 4u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 15u) * 65u + col0 + 4u] = acc15_1[0] + params_buf[20800u + c4]; } if (col0 + 5u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 15u) * 65u + col0 + 5u] = acc15_1[1] + params_buf[20800u + c5]; } if (col0 + 6u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 15u) * 65u + col0 + 6u] = acc15_1[2] + params_buf[20800u + c6]; } if (col0 + 7u < 65u) { work_buf[8u * sizes.B * sizes.T + 4096u * sizes.B + (row0 + 15u) * 65u + col0 + 7u] = acc15_1[3] + params_buf[20800u + c7]; } }
}
